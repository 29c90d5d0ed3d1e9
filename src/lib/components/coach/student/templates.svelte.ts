import { m } from '$lib/paraglide/messages.js';
import { loadTemplates, storeTemplates } from './student';

/** The starting templates, in the coach's language. */
export function defaultTemplates(): string[] {
	return [
		m.coachstudent_template_default_1(),
		m.coachstudent_template_default_2(),
		m.coachstudent_template_default_3(),
		m.coachstudent_template_default_4()
	];
}

const storage = (): Storage | undefined => {
	try {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	} catch {
		return undefined;
	}
};

/** The coach's feedback templates, kept in this device's localStorage per coach and shared by every composer on the page. */
class FeedbackTemplates {
	list = $state<string[]>([]);
	#coachId = '';

	load(coachId: string): void {
		this.#coachId = coachId;
		this.list = loadTemplates(storage(), coachId, defaultTemplates());
	}

	/** Saves the list; false when the device refused. */
	save(list: readonly string[]): boolean {
		const stored = storeTemplates(storage(), this.#coachId, list);
		if (stored === false) return false;
		this.list = stored;
		return true;
	}

	reset(): boolean {
		return this.save(defaultTemplates());
	}
}

export const feedbackTemplates = new FeedbackTemplates();
