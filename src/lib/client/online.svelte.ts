import { onMount } from 'svelte';

/** Whether the browser thinks it is online, kept up to date while the component lives. */
export function useOnline(): { readonly value: boolean } {
	let online = $state(true);
	onMount(() => {
		const update = () => (online = navigator.onLine);
		update();
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		return () => {
			window.removeEventListener('online', update);
			window.removeEventListener('offline', update);
		};
	});
	return {
		get value() {
			return online;
		}
	};
}
