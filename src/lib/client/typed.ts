/**
 * What a person typed before the app ran, kept.
 *
 * A page shows (and its forms work) before its scripts have run: on a slow phone for seconds
 * (`src/lib/server/http/paint-first.ts`). When the app then starts, Svelte sets every field to the
 * value the server rendered, so a name or a password typed in that time vanished. The start-up script
 * notes every field typed in or ticked until now (and, right before the app starts, every field that
 * differs from the page as it came, such as a form the browser filled in again on going back); after
 * the first render this puts those back and tells the page (an `input` or `change` event, as if typed),
 * so state bound to the field has them too.
 */
interface Noted {
	typed: Map<HTMLInputElement | HTMLTextAreaElement, string | boolean>;
	stop: () => void;
}

export function restoreTyped(): void {
	const holder = window as unknown as { __koersTyped?: Noted };
	const noted = holder.__koersTyped;
	delete holder.__koersTyped;
	if (!noted) return;
	noted.stop();
	for (const [field, value] of noted.typed) {
		if (!field.isConnected) continue;
		if (typeof value === 'boolean') {
			if (!(field instanceof HTMLInputElement) || field.checked === value) continue;
			field.checked = value;
			field.dispatchEvent(new Event('change', { bubbles: true }));
		} else if (field.value !== value) {
			field.value = value;
			field.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}
}
