import { describe, expect, it } from 'vitest';
import {
	checkQuestion,
	detectQuestionLanguage,
	nextToImprove,
	qualityCriteria,
	qualityMessageKeys,
	qualityScore,
	strengths,
	type QualityCriterion,
	type QuestionLocale
} from './question-quality';

/** The criteria met for a text, as a plain object, so a failing test shows the whole checklist. */
function metOf(text: string, locale: QuestionLocale): Record<QualityCriterion, boolean> {
	return Object.fromEntries(checkQuestion(text, locale).map((c) => [c.criterion, c.met])) as Record<QualityCriterion, boolean>;
}
const met = (text: string, locale: QuestionLocale, criterion: QualityCriterion) => metOf(text, locale)[criterion];
const allMet = { concrete: true, ownLearning: true, answerable: true, practice: true, timeFrame: true };
const noneMet = { concrete: false, ownLearning: false, answerable: false, practice: false, timeFrame: false };

const goodNl = 'Hoe kan ik deze week op mijn stage een bloeddruk meten en het goed rapporteren aan mijn collega?';
const goodEn = "How can I measure a client's blood pressure on my placement this week and report it to my colleague?";

describe('checkQuestion: the whole checklist', () => {
	it('returns all five criteria, always in checklist order', () => {
		for (const text of ['', 'x', goodNl]) {
			expect(checkQuestion(text, 'nl').map((c) => c.criterion)).toEqual([...qualityCriteria]);
		}
	});

	it('meets all five for a good Dutch and a good English question', () => {
		expect(metOf(goodNl, 'nl')).toEqual(allMet);
		expect(metOf(goodEn, 'en')).toEqual(allMet);
		expect(qualityScore(checkQuestion(goodNl, 'nl'))).toBe(5);
	});

	it('praises a long, precise question like Lotte writes', () => {
		const lotte =
			'Waarom moet ik bij een bewoner met hartfalen elke ochtend het gewicht meten, en hoe leg ik dat in de komende twee weken vast in het zorgplan op de afdeling?';
		const checks = checkQuestion(lotte, 'nl');
		expect(strengths(checks)).toEqual([...qualityCriteria]);
		expect(nextToImprove(checks)).toBeNull();
	});

	it('meets nothing for empty or blank text', () => {
		expect(metOf('', 'nl')).toEqual(noneMet);
		expect(metOf('   \n ', 'en')).toEqual(noneMet);
		expect(qualityScore(checkQuestion('', 'en'))).toBe(0);
	});

	it('finds a vague wish vague, but still praises that it is about the student', () => {
		expect(metOf('Ik wil beter worden', 'nl')).toEqual({ ...noneMet, ownLearning: true });
		expect(metOf('I want to get better', 'en')).toEqual({ ...noneMet, ownLearning: true });
		expect(nextToImprove(checkQuestion('Ik wil beter worden', 'nl'))).toBe('concrete');
	});

	it('ignores case, accents, punctuation and a stray apostrophe', () => {
		expect(metOf('HOE KAN IK DEZE WEEK OP MIJN STAGE EEN BLOEDDRUK METEN EN RAPPORTEREN AAN MIJN COLLEGA?', 'nl')).toEqual(allMet);
		expect(metOf('hoe kan ik...deze week,op mijn stáge een bloeddruk meten!!en rapporteren aan m’n collega’s?', 'nl')).toEqual(allMet);
		expect(met('Hoe help ik een cliënt bij het wassen?', 'nl', 'practice')).toBe(true);
	});

	it('forgives one typo in a longer key word, but not a different real word', () => {
		expect(met('Hoe kan ik de overdracht doen op de afdelling?', 'nl', 'practice')).toBe(true);
		expect(met('Hoe kan ik mijn colega helpen met tillen?', 'nl', 'practice')).toBe(true);
		expect(met('Hoe kan ik dit voor woensdg afronden?', 'nl', 'timeFrame')).toBe(true);
		expect(met('How do I help my colleage with lifting?', 'en', 'practice')).toBe(true);
		// "college" (a lecture at school) is a word of its own, not a typo of "collega"
		expect(met('Hoe kan ik beter opletten tijdens het college over anatomie?', 'nl', 'practice')).toBe(false);
		// short words need the right spelling: "werk" is not "week"
		expect(met('Hoe kan ik op mijn werk een wond verzorgen?', 'nl', 'timeFrame')).toBe(false);
	});

	it('checks a question in the language it is written in when that is clearly the other one', () => {
		expect(detectQuestionLanguage(goodNl, 'en')).toBe('nl');
		expect(detectQuestionLanguage(goodEn, 'nl')).toBe('en');
		expect(detectQuestionLanguage('', 'en')).toBe('en');
		// a coach with the English interface reads a Dutch question
		expect(metOf(goodNl, 'en')).toEqual(allMet);
		expect(metOf(goodEn, 'nl')).toEqual(allMet);
	});
});

describe('checkQuestion: concrete', () => {
	it.each([
		['nl', 'Hoe kan ik een bloeddruk meten?'],
		['nl', 'Hoe kan ik rustig praten met een bewoner met dementie?'],
		['en', 'How do I measure blood pressure?'],
		['en', 'How can I calm a resident with dementia?']
	] as const)('met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'concrete')).toBe(true);
	});

	it.each([
		['nl', 'Hoe kan ik beter worden?'],
		['nl', 'Hoe kan ik deze week op mijn stage iets leren?'],
		['nl', 'Wat moet ik allemaal weten over dingen?'],
		['nl', 'Bloeddruk meten'],
		['nl', 'Hoe kan ik mijn werk op de afdeling binnen twee weken verbeteren?'],
		['en', 'How can I get better at things?'],
		['en', 'What do I need to know about everything this week?'],
		['en', 'Blood pressure'],
		['en', 'How can I improve during my shifts on the ward in the next two weeks?']
	] as const)('not met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'concrete')).toBe(false);
	});
});

describe('checkQuestion: own learning', () => {
	it.each([
		['nl', 'Hoe kan ik een wond verbinden?'],
		['nl', 'Wat moet mijn verslag bevatten?'],
		['nl', 'Welke vragen stel je me straks?'],
		['en', 'How can I dress a wound?'],
		['en', 'What should my report contain?'],
		["en", "What's the best way for me to lift a resident?"]
	] as const)('met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'ownLearning')).toBe(true);
	});

	it.each([
		['nl', 'Hoe verbind je een wond bij een cliënt?'],
		['nl', 'Wat doet een verzorgende op de afdeling?'],
		['en', 'How do you dress a wound on a client?'],
		['en', 'What does a carer do on the ward?']
	] as const)('not met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'ownLearning')).toBe(false);
	});
});

describe('checkQuestion: answerable', () => {
	it.each([
		['nl', 'Hoe meet ik een bloeddruk'],
		['nl', 'Welke hulpmiddelen gebruik ik bij tillen?'],
		['nl', 'Op welke manier kan ik een bewoner geruststellen?'],
		['nl', 'Ik wil weten waarom een bewoner vocht vasthoudt'],
		['nl', 'Hoeveel ml vocht mag een bewoner per dag?'],
		['en', 'How do I measure blood pressure'],
		['en', 'Which aids do I use when lifting?'],
		['en', 'I want to find out why a resident retains fluid'],
		['en', 'How many ml of fluid may a resident have per day?']
	] as const)('met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'answerable')).toBe(true);
	});

	it.each([
		// yes/no questions: "ja" or "nee" gives nothing to do or find out
		['nl', 'Kan ik deze week een bloeddruk meten op stage?'],
		['nl', 'Is het goed als ik de bewoner help met eten?'],
		// a statement, even when it contains "wat" meaning "a bit"
		['nl', 'Ik wil wat beter leren rapporteren op mijn stage.'],
		['en', 'Can I measure blood pressure on my placement this week?'],
		['en', 'Is it okay if I help the resident eat?'],
		['en', 'I will do what my colleague tells me.']
	] as const)('not met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'answerable')).toBe(false);
	});
});

describe('checkQuestion: practice', () => {
	it.each([
		['nl', 'Hoe kan ik op mijn bpv-adres een overdracht doen?'],
		['nl', 'Hoe help ik een bewoner met eten?'],
		['nl', 'Wat vraag ik aan mijn werkbegeleider?'],
		['nl', 'Hoe werk ik met een zorgplan?'],
		['nl', 'Hoe ga ik om met stress in de thuiszorg?'],
		['nl', 'Hoe overleg ik met mijn collegas?'],
		['en', 'How can I do a handover at my placement?'],
		['en', 'How do I help a resident with eating?'],
		['en', 'What do I ask my supervisor at work?'],
		['en', 'How do I use a care plan on the ward?']
	] as const)('met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'practice')).toBe(true);
	});

	it.each([
		['nl', 'Hoe kan ik mijn huiswerk beter plannen?'],
		['nl', 'Hoe zorg ik dat ik mijn werkstuk op tijd inlever?'],
		['nl', 'Wat moet ik leren voor de toets rekenen?'],
		['en', 'How can I plan my homework better?'],
		['en', 'How do I make sure I hand in my essay in time?'],
		['en', 'What should I study for the maths test?']
	] as const)('not met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'practice')).toBe(false);
	});
});

describe('checkQuestion: time frame', () => {
	it.each([
		['nl', 'Hoe kan ik vandaag een bloeddruk meten?'],
		['nl', 'Hoe kan ik dit morgen oefenen?'],
		['nl', 'Hoe kan ik dit volgende week oefenen?'],
		['nl', 'Hoe leer ik dit binnen 2 weken?'],
		['nl', 'Hoe leer ik dit binnen twee weken?'],
		['nl', 'Hoe maak ik dit voor vrijdag af?'],
		['nl', 'Hoe rond ik dit af in periode 2?'],
		['nl', 'Hoe heb ik dit op 12 december klaar?'],
		['nl', 'Hoe heb ik dit aan het eind van de maand klaar?'],
		['nl', 'Hoe heb ik dit op 12-12-2025 klaar?'],
		['en', 'How can I measure blood pressure today?'],
		['en', 'How can I practise this next week?'],
		['en', 'How do I learn this within two weeks?'],
		['en', 'How do I finish this by Friday?'],
		['en', 'How do I finish this before 1 May?'],
		['en', 'How do I finish this by the end of the month?'],
		['en', 'How do I finish this in term 2?']
	] as const)('met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'timeFrame')).toBe(true);
	});

	it.each([
		['nl', 'Hoe kan ik een bloeddruk meten?'],
		['nl', 'Wat is de volgende stap bij het wassen van een bewoner?'],
		['nl', 'Hoe zorgen we dat een bewoner genoeg drinkt?'],
		['nl', 'Hoe geef ik 1/2 tablet aan een bewoner?'],
		['en', 'How can I measure blood pressure?'],
		['en', 'May I ask my colleague what the next step is?'],
		['en', 'How do I give 1/2 a tablet to a resident?']
	] as const)('not met (%s): %s', (locale, text) => {
		expect(met(text, locale, 'timeFrame')).toBe(false);
	});
});

describe('helpers', () => {
	it('counts, lists strengths and names the first thing to improve', () => {
		const checks = checkQuestion('Hoe kan ik een bloeddruk meten?', 'nl');
		expect(qualityScore(checks)).toBe(3);
		expect(strengths(checks)).toEqual(['concrete', 'ownLearning', 'answerable']);
		expect(nextToImprove(checks)).toBe('practice');
	});

	it('names the message keys of a criterion', () => {
		expect(qualityMessageKeys('timeFrame')).toEqual({
			label: 'question_quality_timeFrame',
			example: 'question_quality_timeFrame_example'
		});
	});
});
