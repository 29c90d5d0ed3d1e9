import { m } from '$lib/paraglide/messages.js';

const names: Record<string, () => string> = {
	forethought: m.cycle_phase_forethought,
	performance: m.cycle_phase_performance,
	reflection: m.cycle_phase_reflection,
	done: m.cycle_phase_done
};

/** The name of a learning cycle's phase, as students and coaches see it ("Vooruitdenken", "Doen", …). */
export function phaseName(phase: string): string {
	return names[phase]?.() ?? phase;
}
