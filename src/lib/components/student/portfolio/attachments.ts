/**
 * Files in a portfolio entry. The sync protocol carries JSON only (at most 1 MiB per request), so a
 * file travels inside its evidence record as a `data:` URL. To keep one record (and so one sync
 * request) well below that limit:
 *
 * - photos are made smaller in the browser (at most 1600 px, JPEG) until they are ≤ 250 kB;
 * - a PDF may be at most 500 kB (a PDF cannot be made smaller here);
 * - one evidence entry holds at most 5 files and 650 kB of files together
 *   (650 kB is ≈ 870 000 characters as base64: with a full text and 20 links the request stays < 1 MiB).
 *
 * Sizes are in kB of 1000 bytes, the way a phone shows them.
 */
import { numberFormat } from '$lib/i18n/intl';

export const attachmentLimits = {
	imageBytes: 250_000,
	pdfBytes: 500_000,
	totalBytes: 650_000,
	files: 5,
	/** Photos are read up to this size; beyond it the phone's photo is refused before decoding. */
	imageInputBytes: 40_000_000,
	maxSide: 1600
} as const;

/** One file in an evidence entry, as stored on the device and on the server. */
export interface PortfolioAttachment {
	id: string;
	name: string;
	type: string;
	size: number;
	/** The file itself as `data:<type>;base64,…` (needs the schema field, see the portfolio report). */
	dataUrl?: string;
}

export type AttachmentProblem =
	| { code: 'pdf_too_large'; size: number }
	| { code: 'image_too_large'; size: number }
	| { code: 'image_unreadable' }
	| { code: 'pdf_invalid' }
	| { code: 'wrong_type' }
	| { code: 'too_many' }
	| { code: 'total_too_large'; size: number };

export type AttachmentResult = { ok: true; attachment: PortfolioAttachment } | { ok: false; problem: AttachmentProblem };

/** Reads the attachments of an evidence record, with the file data when the record carries it. */
export function attachmentsOf(data: { attachments?: readonly object[] | undefined }): PortfolioAttachment[] {
	return (data.attachments ?? []).map((a) => {
		const r = a as Record<string, unknown>;
		return {
			id: String(r.id ?? ''),
			name: String(r.name ?? ''),
			type: String(r.type ?? ''),
			size: typeof r.size === 'number' ? r.size : 0,
			...(typeof r.dataUrl === 'string' ? { dataUrl: r.dataUrl } : {})
		};
	});
}

export const isImage = (a: Pick<PortfolioAttachment, 'type'>) => a.type.startsWith('image/');
export const isPdf = (a: Pick<PortfolioAttachment, 'type'>) => a.type === 'application/pdf';

/** 512 kB, 1,2 MB: how big a file is, in the words of a phone. */
export function formatSize(bytes: number, locale: string): string {
	const nf = (n: number, digits: number) => numberFormat({ maximumFractionDigits: digits }, locale).format(n);
	if (bytes < 1000) return `${bytes} B`;
	if (bytes < 1_000_000) return `${nf(Math.ceil(bytes / 1000), 0)} kB`;
	return `${nf(bytes / 1_000_000, 1)} MB`;
}

/** Whether a new file of `size` bytes still fits next to the ones already chosen. */
export function fitsNextTo(existing: readonly PortfolioAttachment[], size: number): AttachmentProblem | null {
	if (existing.length >= attachmentLimits.files) return { code: 'too_many' };
	const total = existing.reduce((sum, a) => sum + a.size, 0) + size;
	if (total > attachmentLimits.totalBytes) return { code: 'total_too_large', size: total };
	return null;
}

/** Checks a file before reading it: its kind and (for a PDF) its size. */
export function precheck(file: { type: string; size: number; name: string }): AttachmentProblem | null {
	const type = file.type || (/\.pdf$/i.test(file.name) ? 'application/pdf' : '');
	if (type === 'application/pdf') return file.size > attachmentLimits.pdfBytes ? { code: 'pdf_too_large', size: file.size } : null;
	if (type.startsWith('image/')) return file.size > attachmentLimits.imageInputBytes ? { code: 'image_too_large', size: file.size } : null;
	return { code: 'wrong_type' };
}

/** A PDF starts with `%PDF-`: a renamed file of another kind is refused. */
export function looksLikePdf(bytes: Uint8Array): boolean {
	return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

export function bytesToBase64(bytes: Uint8Array): string {
	let binary = '';
	const chunk = 0x8000;
	for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
	return btoa(binary);
}

/** The file behind a data URL, to download or open it. */
export function dataUrlToBlob(dataUrl: string): Blob {
	const comma = dataUrl.indexOf(',');
	const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream';
	const binary = atob(dataUrl.slice(comma + 1));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return new Blob([bytes], { type });
}

/** The sizes a photo is tried at, largest first: the first that fits is kept. */
export const imageSteps: readonly { side: number; quality: number }[] = [
	{ side: attachmentLimits.maxSide, quality: 0.8 },
	{ side: attachmentLimits.maxSide, quality: 0.7 },
	{ side: 1280, quality: 0.7 },
	{ side: 1024, quality: 0.7 },
	{ side: 800, quality: 0.65 },
	{ side: 640, quality: 0.6 }
];

/** Width and height that fit in a square of `side`, never larger than the original. */
export function fitWithin(width: number, height: number, side: number): { width: number; height: number } {
	const scale = Math.min(1, side / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Keeps only the name part of a file name, at most 200 characters (the schema's limit). */
export function cleanName(name: string): string {
	const base = name.split(/[\\/]/).pop()?.trim() || 'bestand';
	return base.length > 200 ? base.slice(0, 190) + base.slice(-10) : base;
}

// ---- Browser only below: reading and shrinking files. ----

async function decodeImage(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close(): void }> {
	if (typeof createImageBitmap === 'function') {
		try {
			const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
			return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
		} catch {
			// Some browsers cannot decode every kind here; an <img> may still manage.
		}
	}
	const url = URL.createObjectURL(file);
	try {
		const img = new Image();
		img.decoding = 'async';
		img.src = url;
		await img.decode();
		return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => {} };
	} finally {
		URL.revokeObjectURL(url);
	}
}

function canvasToBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
	return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/** Makes a photo smaller (JPEG, white background) until it fits the limit. */
export async function shrinkImage(file: Blob): Promise<Blob | null> {
	const image = await decodeImage(file);
	try {
		if (!image.width || !image.height) return null;
		for (const step of imageSteps) {
			const { width, height } = fitWithin(image.width, image.height, step.side);
			const canvas = document.createElement('canvas');
			canvas.width = width;
			canvas.height = height;
			const ctx = canvas.getContext('2d');
			if (!ctx) return null;
			ctx.fillStyle = '#fff';
			ctx.fillRect(0, 0, width, height);
			ctx.drawImage(image.source, 0, 0, width, height);
			const blob = await canvasToBlob(canvas, step.quality);
			if (blob && blob.size <= attachmentLimits.imageBytes) return blob;
		}
		return null;
	} finally {
		image.close();
	}
}

/**
 * Turns a chosen file into an attachment that fits the limits, or says what is wrong.
 * Nothing is stored here: the caller adds the result to the form.
 */
export async function readAttachment(file: File, existing: readonly PortfolioAttachment[]): Promise<AttachmentResult> {
	const early = precheck(file) ?? (existing.length >= attachmentLimits.files ? ({ code: 'too_many' } as const) : null);
	if (early) return { ok: false, problem: early };
	const name = cleanName(file.name);
	const id = crypto.randomUUID();
	const pdf = file.type === 'application/pdf' || (!file.type && /\.pdf$/i.test(file.name));
	if (pdf) {
		const bytes = new Uint8Array(await file.arrayBuffer());
		if (!looksLikePdf(bytes)) return { ok: false, problem: { code: 'pdf_invalid' } };
		const problem = fitsNextTo(existing, bytes.length);
		if (problem) return { ok: false, problem };
		return { ok: true, attachment: { id, name, type: 'application/pdf', size: bytes.length, dataUrl: `data:application/pdf;base64,${bytesToBase64(bytes)}` } };
	}
	let blob: Blob | null;
	try {
		blob = await shrinkImage(file);
	} catch {
		return { ok: false, problem: { code: 'image_unreadable' } };
	}
	if (!blob) return { ok: false, problem: { code: 'image_too_large', size: file.size } };
	const problem = fitsNextTo(existing, blob.size);
	if (problem) return { ok: false, problem };
	const bytes = new Uint8Array(await blob.arrayBuffer());
	const jpegName = /\.(jpe?g)$/i.test(name) ? name : `${name.replace(/\.[a-z0-9]{1,5}$/i, '')}.jpg`;
	return { ok: true, attachment: { id, name: cleanName(jpegName), type: 'image/jpeg', size: bytes.length, dataUrl: `data:image/jpeg;base64,${bytesToBase64(bytes)}` } };
}

/** Saves a file from the portfolio on this device (works offline: the data is already here). */
export function downloadAttachment(a: PortfolioAttachment): void {
	if (!a.dataUrl) return;
	const url = URL.createObjectURL(dataUrlToBlob(a.dataUrl));
	const link = document.createElement('a');
	link.href = url;
	link.download = a.name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
