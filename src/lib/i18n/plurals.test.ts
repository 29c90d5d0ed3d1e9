import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';

// Counted messages say "1 student" and "2 studenten", not "1 studenten": a coach reads these every day.
describe('counted messages agree with their number', () => {
	it.each([
		['nl', 1, '1 heeft je nu nodig'],
		['nl', 2, '2 hebben je nu nodig'],
		['en', 1, '1 needs you now'],
		['en', 3, '3 need you now']
	] as const)('%s, %i: the dashboard says "%s"', (locale, count, text) => {
		expect(m.dashboard_needs_you_count({ count }, { locale })).toBe(text);
	});

	it('uses the singular for one and the plural for any other number, in both languages', () => {
		expect(m.dashboard_approvals_waiting({ count: 1 }, { locale: 'nl' })).toBe('1 keuze wacht op akkoord');
		expect(m.dashboard_approvals_waiting({ count: 2 }, { locale: 'nl' })).toBe('2 keuzes wachten op akkoord');
		expect(m.dashboard_approvals_waiting({ count: 2 }, { locale: 'en' })).toBe('2 picks waiting for approval');
		expect(m.needs_students_count({ count: 1 }, { locale: 'nl' })).toBe('1 student');
		expect(m.needs_students_count({ count: 0 }, { locale: 'nl' })).toBe('0 studenten');
		expect(m.autonomy_reason_calibration_equal({ n: 1 }, { locale: 'nl' })).toBe('Zelfbeoordeling: gelijk aan jouw cijfer (1 cyclus).');
		expect(m.autonomy_reason_calibration_equal({ n: 4 }, { locale: 'en' })).toBe('Self-assessment: the same as your mark (4 cycles).');
		expect(m.signout_unsent_confirm({ count: 1 }, { locale: 'en' })).toMatch(/^1 change on this device has not/);
		expect(m.signout_unsent_confirm({ count: 5 }, { locale: 'nl' })).toMatch(/^Er staan nog 5 wijzigingen/);
		expect(m.coachstudent_count_checkins({ count: 1 }, { locale: 'nl' })).toBe('1 gesprek');
		expect(m.coachstudent_count_checkins({ count: 1 }, { locale: 'en' })).toBe('1 check-in');
		expect(m.coachstudent_count_evidence({ count: 3 }, { locale: 'nl' })).toBe('3 bewijsstukken');
	});
});
