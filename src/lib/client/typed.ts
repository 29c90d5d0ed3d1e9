/**
 * What a person typed before the app ran, kept.
 *
 * A page shows (and its forms work) before its scripts have run: on a slow phone for seconds
 * (`src/lib/server/http/paint-first.ts`). When the app then starts, Svelte sets every field to the
 * value the server rendered, so a name or a password typed in that time vanished. The start-up script
 * notes, right before the app starts, every field whose value (or tick) differs from the page as it
 * came; after the first render this puts those back and tells the page (an `input` or `change` event,
 * as if typed), so state bound to the field has them too.
 */
type Typed = [HTMLInputElement | HTMLTextAreaElement, string | boolean][];

export function restoreTyped(): void {
	const typed = (window as unknown as { __koersTyped?: Typed }).__koersTyped;
	delete (window as unknown as { __koersTyped?: Typed }).__koersTyped;
	for (const [field, value] of typed ?? []) {
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
