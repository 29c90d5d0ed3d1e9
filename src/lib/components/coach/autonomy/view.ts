import { m } from '$lib/paraglide/messages.js';
import { levelName } from '$lib/components/student/boards/format';
import type { LocalRecord } from '$lib/client/db';
import type { AutonomyLevelName, ProposalReason } from '$lib/domain/autonomy-proposal';
import { dateFormat } from '$lib/i18n/intl';
import { byCodeUnits } from '$lib/domain/order';
import { inSupportOrder } from '$lib/domain/levels';
import { paceLabel } from '$lib/components/coach/dashboard/labels';

export const autonomyLevelNames: readonly AutonomyLevelName[] = ['guided', 'shared', 'selfDirected'];

export function levelLabel(level: AutonomyLevelName | null | undefined): string {
	if (level === 'guided') return m.autonomy_level_guided();
	if (level === 'shared') return m.autonomy_level_shared();
	if (level === 'selfDirected') return m.autonomy_level_selfDirected();
	return m.autonomy_level_none();
}

/** Newest first: by creation time, then by server revision (a record not yet on the server counts as newest). */
export function newestFirst(a: LocalRecord<'autonomy'>, b: LocalRecord<'autonomy'>): number {
	const byTime = byCodeUnits(b.createdAt, a.createdAt);
	if (byTime !== 0) return byTime;
	const rev = (r: LocalRecord<'autonomy'>) => (r.rev > 0 ? r.rev : Number.MAX_SAFE_INTEGER);
	return rev(b) - rev(a);
}

export interface WorkLevelOption {
	key: string;
	label: string;
}

/** Every level key of the boards on this device, from most support to most challenge, first label wins. */
export function workLevelOptions(boards: readonly LocalRecord<'board'>[]): WorkLevelOption[] {
	const seen = new Map<string, string>();
	for (const b of boards) for (const l of b.data.levels ?? []) if (!seen.has(l.key)) seen.set(l.key, l.label);
	return inSupportOrder([...seen].map(([key, label]) => ({ key, label })));
}

export function workLevelLabel(key: string | null | undefined, options: readonly WorkLevelOption[]): string {
	if (!key) return m.autonomy_worklevel_none();
	return levelName(options.find((o) => o.key === key), key);
}

const gapText = (gap: number) => String(Math.abs(gap)).replace('.', m.autonomy_decimal_separator());

/** One reason in plain words. */
export function reasonText(r: ProposalReason): string {
	if (r.kind === 'plansKept') {
		const pace = r.pace ? m.autonomy_reason_pace({ pace: paceLabel(r.pace) }) + ' ' : '';
		return pace + (r.signal === 'unknown' ? m.autonomy_reason_plans_unknown() : m.autonomy_reason_plans({ hits: r.hits, n: r.n, late: r.late ?? 0, open: r.open ?? 0 }));
	}
	if (r.kind === 'reflections')
		return r.signal === 'unknown' ? m.autonomy_reason_reflections_unknown() : m.autonomy_reason_reflections({ hits: r.hits, n: r.n });
	if (r.signal === 'unknown' || r.value === null) return m.autonomy_reason_calibration_unknown();
	if (r.value > 0) return m.autonomy_reason_calibration_over({ gap: gapText(r.value), n: r.n });
	if (r.value < 0) return m.autonomy_reason_calibration_under({ gap: gapText(r.value), n: r.n });
	return m.autonomy_reason_calibration_equal({ n: r.n });
}

export function signalText(signal: ProposalReason['signal']): string {
	return { good: m.autonomy_signal_good, fair: m.autonomy_signal_fair, poor: m.autonomy_signal_poor, unknown: m.autonomy_signal_unknown }[signal]();
}

export function formatDate(iso: string): string {
	return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }, m.autonomy_date_locale()).format(new Date(iso));
}

// ---------------------------------------------------------------------------------------------
// Declined proposals: kept in this device's localStorage per coach (a note to self, never synced).

export interface Decline {
	from: AutonomyLevelName;
	to: AutonomyLevelName;
	reason: string;
	at: string;
}

const key = (coachId: string) => `koers:autonomy-declines:${coachId}`;
const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

export function loadDeclines(coachId: string): Record<string, Decline> {
	try {
		const raw = storage()?.getItem(key(coachId));
		const parsed: unknown = raw ? JSON.parse(raw) : {};
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, Decline>) : {};
	} catch {
		return {};
	}
}

export function storeDecline(coachId: string, studentId: string, decline: Decline): Record<string, Decline> {
	const all = { ...loadDeclines(coachId), [studentId]: decline };
	try {
		storage()?.setItem(key(coachId), JSON.stringify(all));
	} catch {
		// Storage full or blocked: the decline is shown for this visit only.
	}
	return all;
}
