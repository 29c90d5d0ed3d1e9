// Draws Koers' app icons (a compass needle on teal) as PNG files without any image library.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

function crc32(buf) {
	let c, crc = 0xffffffff;
	for (let n = 0; n < buf.length; n++) {
		c = (crc ^ buf[n]) & 0xff;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		crc = (crc >>> 8) ^ c;
	}
	return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
	const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type), data]);
	const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
	const raw = Buffer.alloc((size * 4 + 1) * size);
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const [r, g, b, a] = pixel(x / size, y / size);
			const o = y * (size * 4 + 1) + 1 + x * 4;
			raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
	return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const teal = [11, 93, 107, 255], white = [255, 255, 255, 255], amber = [242, 165, 65, 255];
// A needle: a rhombus pointing up-right, the northern half amber.
function needle(u, v, scale) {
	const x = (u - 0.5) / scale, y = (v - 0.5) / scale;
	const a = Math.SQRT1_2;
	const along = (x - y) * a, across = (x + y) * a; // rotate 45°
	if (Math.abs(across) + Math.abs(along) * 0.28 < 0.12 && Math.abs(along) < 0.42) return along > 0 ? amber : white;
	const r = Math.hypot(x, y);
	if (r > 0.36 && r < 0.41) return white;
	return null;
}
const full = (scale) => (u, v) => needle(u, v, scale) ?? teal;
for (const size of [192, 512]) writeFileSync(`static/icons/icon-${size}.png`, png(size, full(1)));
writeFileSync('static/icons/maskable-512.png', png(512, full(0.75)));
writeFileSync('static/icons/apple-touch-icon.png', png(180, full(0.9)));
