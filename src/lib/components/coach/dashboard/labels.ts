import { m } from '$lib/paraglide/messages.js';
import { daysSince, type AttentionReason, type AutonomyLevel, type CyclePhase, type RowStatus } from '$lib/domain/dashboard';
import type { PaceState } from '$lib/domain/pace';

/** The words of the dashboard, one place for the table and the cards. */
export function paceLabel(p: PaceState): string {
	return { ahead: m.dashboard_pace_ahead, onTrack: m.dashboard_pace_onTrack, behind: m.dashboard_pace_behind, notStarted: m.dashboard_pace_notStarted }[p]();
}

export function phaseLabel(p: CyclePhase): string {
	return {
		forethought: m.dashboard_phase_forethought,
		performance: m.dashboard_phase_performance,
		reflection: m.dashboard_phase_reflection,
		done: m.dashboard_phase_done
	}[p]();
}

export function autonomyLabel(a: AutonomyLevel | null): string {
	if (a === null) return m.dashboard_autonomy_unknown();
	return { guided: m.dashboard_autonomy_guided, shared: m.dashboard_autonomy_shared, selfDirected: m.dashboard_autonomy_selfDirected }[a]();
}

export function statusLabel(s: RowStatus): string {
	return { now: m.dashboard_status_now, soon: m.dashboard_status_soon, fine: m.dashboard_status_fine }[s]();
}

export function reasonLabel(r: AttentionReason): string {
	return {
		waitingQuestions: m.dashboard_reason_waitingQuestions,
		awaitingApproval: m.dashboard_reason_awaitingApproval,
		behind: m.dashboard_reason_behind,
		inactive: m.dashboard_reason_inactive,
		notLogging: m.dashboard_reason_notLogging,
		calibrationGap: m.dashboard_reason_calibrationGap
	}[r]();
}

/**
 * "3 dagen geleden", "gisteren", "vandaag"; null when there is no date. Messages, not
 * `Intl.RelativeTimeFormat`: the page's first `Intl` formatter loads ICU's data (11–18 ms here, four
 * times that on a phone) while the dashboard hydrates.
 */
export function ago(at: string | null, today: Date): string | null {
	const days = daysSince(at, today);
	if (days === null) return null;
	if (days <= 0) return m.dashboard_ago_today();
	if (days === 1) return m.dashboard_ago_yesterday();
	return m.dashboard_ago_days({ count: days });
}
