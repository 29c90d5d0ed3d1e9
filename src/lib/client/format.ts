import { dateFormat } from '$lib/i18n/intl';


/** 10:42 today, or "23 nov 10:42" on another day. */
export function formatTime(iso: string): string {
	const d = new Date(iso);
	const today = new Date();
	const sameDay = d.toDateString() === today.toDateString();
	return dateFormat(sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "17 november" in the interface's language (not the browser's). */
export function formatDay(isoDate: string): string {
	return dateFormat({ day: 'numeric', month: 'long' }).format(new Date(isoDate));
}
