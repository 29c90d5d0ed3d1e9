/**
 * The live quality checklist for a student's learning question (leervraag).
 *
 * Five criteria, each a plain heuristic that runs on every keystroke. The checklist is meant to
 * praise what is already good (a criterion that is `met` is shown as a strength) and to point at
 * one next step, never to grade. Nothing here is stored: DESIGN.md says the checklist is computed.
 *
 * Robustness: text is compared without case, accents (cliënt = client), apostrophes
 * (collega's = collegas) and punctuation; longer key words also match with one typo
 * (afdelling, colleage). Short words must be spelled right, because one letter off is often
 * another real word (week/werk, morgen/zorgen).
 *
 * Language: `locale` is the language the student is expected to write in (the interface
 * language). When the text itself is clearly in the other language — a Dutch question read in
 * the English interface by a coach, say — it is checked with that language's words instead.
 */

export const qualityCriteria = ['concrete', 'ownLearning', 'answerable', 'practice', 'timeFrame'] as const;
export type QualityCriterion = (typeof qualityCriteria)[number];
export type QuestionLocale = 'nl' | 'en';
export interface QualityCheck {
	criterion: QualityCriterion;
	met: boolean;
}

/** Message keys the UI uses for a criterion's short label and its one good example. */
export function qualityMessageKeys<C extends QualityCriterion>(
	criterion: C
): { label: `question_quality_${C}`; example: `question_quality_${C}_example` } {
	return { label: `question_quality_${criterion}`, example: `question_quality_${criterion}_example` };
}

/** Lower case, no accents, no apostrophes; every other non-letter/digit becomes one space. */
export function normalizeQuestion(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/['’‘`´]/g, '')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

function tokensOf(normalized: string): string[] {
	return normalized === '' ? [] : normalized.split(' ');
}

// ---------------------------------------------------------------------------------------------
// Language detection (only to override `locale` when the text is clearly the other language)

const languageMarkers: Record<QuestionLocale, ReadonlySet<string>> = {
	nl: new Set(
		'ik de het een van op mijn mn hoe wat welke waarom wanneer hoeveel kan moet wil met voor te bij aan niet dat deze dit ook om naar en ben zijn hebt heb goed beter'.split(' ')
	),
	en: new Set(
		'i the a an of on my how what which why when can should could with for to at not that this and am are be do want will get better'.split(' ')
	)
};

/** The language the text is written in: the other language only if it has clearly more marker words. */
export function detectQuestionLanguage(text: string, fallback: QuestionLocale): QuestionLocale {
	const tokens = tokensOf(normalizeQuestion(text));
	const score = (lang: QuestionLocale) => tokens.filter((t) => languageMarkers[lang].has(t)).length;
	const other: QuestionLocale = fallback === 'nl' ? 'en' : 'nl';
	return score(other) > score(fallback) ? other : fallback;
}

// ---------------------------------------------------------------------------------------------
// Typo tolerance

/** Optimal string alignment distance, stopping early above 1: true when a and b differ by at most one edit. */
function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	if (Math.abs(a.length - b.length) > 1) return false;
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	const restA = a.slice(i);
	const restB = b.slice(i);
	if (restA.slice(1) === restB.slice(1)) return true; // substitution
	if (restA.slice(1) === restB || restA === restB.slice(1)) return true; // deletion / insertion
	// transposition of two neighbours
	return restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2);
}

/** Real words one edit away from a key word, which must not count as a typo of it. */
const notTypos = new Set(['college', 'colleges', 'bewonen', 'bewoond', 'residence', 'residences']);

/** True when a token is one of the words, or (for words of 7+ letters) one typo away from one. */
function matchesWord(token: string, words: readonly string[]): boolean {
	for (const word of words) {
		if (token === word) return true;
		if (word.length >= 7 && token[0] === word[0] && !notTypos.has(token) && withinOneEdit(token, word)) return true;
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary per language

interface Vocabulary {
	/** Words that make a question about the student's own learning. */
	own: RegExp;
	/** Open question words (not yes/no). */
	questionWords: ReadonlySet<string>;
	/** "wil weten hoe", "find out what": an indirect question without a question mark. */
	indirectQuestion: RegExp;
	/** Practice / placement words, as patterns over the normalized text… */
	practice: RegExp[];
	/** …and as whole words that also match with one typo. */
	practiceWords: readonly string[];
	time: RegExp[];
	timeWords: readonly string[];
	/** Words that carry no concrete content: function words, generic verbs, time and setting words. */
	stop: ReadonlySet<string>;
	/** Vague words: each one cancels out one concrete word. */
	vague: ReadonlySet<string>;
}

const words = (s: string) => s.split(/[\s|]+/).filter(Boolean);

const nlNumbers = '\\d+|een paar|paar|enkele|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf';
const enNumbers = '\\d+|a few|a couple of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const nlDays = 'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag';
const enDays = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const nlMonths = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';
/** May and March are also everyday English words; they count only next to a number or preposition. */
const enMonthsSafe = 'january|february|april|june|july|august|september|october|november|december';

const nl: Vocabulary = {
	own: /\b(ik|mijn|mn|me|mij|mezelf|mijzelf)\b/,
	questionWords: new Set(words('hoe wat welke welk waarom wanneer hoeveel hoelang hoeverre waar wie waardoor waarmee waarop waarvoor waarover')),
	indirectQuestion:
		/\b(weten|leren|uitzoeken|uitvinden|ontdekken|onderzoeken|begrijpen|snappen|vragen|nagaan)\s+(hoe|wat|welke|welk|waarom|wanneer|hoeveel|waar|wie|of)\b/,
	practice: [
		/\b(stage|bpv)\w*/,
		// werk, werkplek, werkvloer, werkgever… but not the verb (werken, werkt) or school work
		/\bwerk(?!(en|t|te|ten|boek|boeken|blad|bladen|stuk|stukken|woord|woorden|vorm|vormen)\b)\w*/,
		/\b(client|patient|bewoner|collega|praktijk|afdeling|verzorg|verpleeg|ziekenhuis|zorgvrager|zorgverlen|kinderopvang|klant|leerbedrijf|leidinggevende)\w*/,
		// zorg compounds (zorgplan, thuiszorg, wondzorg) and "in de zorg", not "hoe zorg ik" or "zorgvuldig"
		/\bzorg(?!(en|t|de|den|vuldig\w*)\b)[a-z]{3,}/,
		/\b(?!be)[a-z]{2,}zorg\b/,
		/\b(de|in|goede|mijn|onze|persoonlijke) zorg\b/,
		/\b(mijn|de|een|tijdens|na|voor) (dienst|diensten)\b/
	],
	practiceWords: words('collega collegas bewoner bewoners praktijk afdeling clienten patienten verzorgende stageplek stagebedrijf'),
	time: [
		/\b(vandaag|morgen|overmorgen|vanavond|vanmiddag|vanochtend|vanmorgen|vannacht)\b/,
		/\b(deze|dit|volgende|komende|eerstvolgende|aankomende)\s+(week|weken|maand|periode|blok|dienst|schooljaar|jaar|stage|stagedag|stageweek|les|dag|weekend)\b/,
		new RegExp(`\\b(binnen|over|in|na|de komende|de volgende)\\s+(${nlNumbers})\\s+(dag|dagen|week|weken|maand|maanden|les|lessen|dienst|diensten|stagedagen|jaar)\\b`),
		new RegExp(`\\b(${nlDays})\\w*`),
		new RegExp(`\\b(${nlMonths})\\b`),
		/\b(periode|blok|lesperiode|week|lesweek)\s+\d+\b/,
		/\b(eind|einde|begin|halverwege|midden)\s+(van\s+)?((de|deze|het|dit|mijn)\s+)?(week|maand|periode|blok|stage|schooljaar|jaar|dag|dienst)\b/,
		/\b(voor|na|tijdens|rond)\s+((de|het|mijn)\s+)?\w*(vakantie|toets|examen|proeve|tentamen)\w*/,
		/\b(deadline|uiterlijk)\b/
	],
	timeWords: [...nlDays.split('|'), ...nlMonths.split('|')],
	stop: new Set(
		words(`
			ik mijn mn me mij mezelf mijzelf je jij jouw jou u uw hij zij ze zijn haar hem wij we ons onze jullie hun hen men
			het de een den der dit dat deze die er hier daar
			hoe wat welke welk waarom wanneer hoeveel hoelang hoeverre waar wie waardoor waarmee waarop waarvoor waarover
			en of maar want dus om te tot naar van voor na met zonder bij aan op in uit over onder door tegen tussen als dan
			ook nog al wel niet geen nooit altijd vaak soms heel erg zeer meer meest veel weinig minder beter best goed goede
			slecht zo zoals graag echt eigenlijk misschien gewoon enzo manier keer zelf zelfstandig
			kan kun kunt kunnen kon konden moet moeten moest wil wilt willen wilde zal zullen zou zouden mag mogen
			is ben bent zijn was waren wordt word worden werd heb hebt heeft hebben had ga gaat gaan ging
			doe doet doen deed krijg krijgt krijgen maak maakt maken leer leert leren weet weten snap snappen
			begrijp begrijpen kom komt komen zie ziet zien vind vindt vinden houd hou houden
			iets niets dingen ding alles allemaal zaken zaak
			vandaag morgen week weken maand dag dagen volgende komende binnen periode blok jaar
			stage bpv werk werken school les lessen praktijk afdeling dienst diensten
			tijdens elke iedere alle weer vaker sneller verbeteren verbeter ontwikkelen
			twee drie vier vijf zes zeven acht negen tien elf twaalf paar enkele
			${nlDays} ${nlMonths}
		`)
	),
	vague: new Set(words('iets dingen ding alles allemaal zaken zaak dinges'))
};

const en: Vocabulary = {
	own: /\b(i|my|me|myself|mine|im|ive|id)\b/,
	questionWords: new Set(words('how what which why when where who whom whose')),
	indirectQuestion:
		/\b(know|learn|find out|figure out|work out|understand|discover|explore|ask|check)\s+(how|what|which|why|when|where|who|whether|if)\b/,
	practice: [
		/\b(placement|internship|workplace|colleague|client|resident|patient|hospital|customer|supervisor|employer|carer|caregiver|healthcare|nursing)\w*/,
		/\b(at|to|from|during|after|before|in|on)\s+((my|the|our)\s+)?(work|job|shift)\b/,
		/\b(job|jobs|shift|shifts|ward|wards)\b/,
		/\bwork\s+(placement|experience|floor|setting)\b/,
		/\b(in|on the|into)\s+practice\b/,
		/\bpractice\s+(placement|setting|situation|situations|day|days)\b/,
		/\b(personal|elderly|home|health|child|patient|client|wound|nursing|residential)\s+care\b/,
		/\bcare\s+(home|homes|work|worker|workers|plan|plans|team|setting|facility)\b/
	],
	practiceWords: words('placement colleague colleagues resident residents clients patients internship supervisor hospital'),
	time: [
		/\b(today|tomorrow|tommorow|tommorrow|tonight)\b/,
		new RegExp(
			`\\b(this|next|coming|following)\\s+(week|weekend|month|term|period|block|shift|year|school year|semester|lesson|placement day|${enDays})\\b`
		),
		new RegExp(`\\b(next|coming|following|first)\\s+(${enNumbers}|few)\\s+(days|weeks|months|shifts|lessons)\\b`),
		new RegExp(`\\b(within|in|after)\\s+(${enNumbers})\\s+(day|days|week|weeks|month|months|shift|shifts|lesson|lessons)\\b`),
		new RegExp(`\\b(${enDays})s?\\b`),
		new RegExp(`\\b(${enMonthsSafe})\\b`),
		/\b(\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(may|march)|(may|march)\s+\d{1,2}(st|nd|rd|th)?|(in|by|before|until|till|end of|early|late|mid)\s+(may|march))\b/,
		/\b(period|term|block|week)\s+\d+\b/,
		/\b(end|start|beginning|middle)\s+of\s+((the|this|next|my)\s+)?(week|month|term|period|block|placement|year|school year|day|shift)\b/,
		/\b(before|after|during|by)\s+((the|my)\s+)?\w*(holiday|holidays|vacation|break|exam|exams|test)\b/,
		/\bdeadline\b/
	],
	timeWords: ['tomorrow', ...enDays.split('|'), ...enMonthsSafe.split('|')],
	stop: new Set(
		words(`
			i my me myself mine im ive id you your yours he she they them their his her it its we our us one
			the a an this that these those there here
			how what which why when where who whom whose
			and or but so to of for from with without at by on in into about over under as than then if whether
			also too still not no never always often sometimes very really more most much many less better best good well bad
			can could should would will shall may might must do does did doing done get gets got getting
			become becoming be is am are was were been being have has had make makes making
			learn learning know knowing understand want wanted wants like need needs able improve improving try
			something anything everything nothing things thing stuff all way ways time times just
			today tomorrow week weeks month months day days next coming within period term year
			placement work job practice school lesson lessons ward wards shift shifts
			during each every again faster develop
			two three four five six seven eight nine ten eleven twelve few couple
			${enDays} ${enMonthsSafe} march
		`)
	),
	vague: new Set(words('something anything everything things thing stuff'))
};

const vocabularies: Record<QuestionLocale, Vocabulary> = { nl, en };

/** Numeric dates with a year (12-12-2025, 12/12/25, 2025-12-12); without a year "1/2" is a half tablet. */
const numericDate = /\b(\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b/;

/** A question needs at least this many words to count as concrete… */
export const concreteMinWords = 5;
/** …and at least this many content words (specific actions or things) more than vague words. */
export const concreteMinContent = 2;

// ---------------------------------------------------------------------------------------------

/**
 * Checks a learning question against the five criteria, always in the order of `qualityCriteria`.
 *
 * - concrete: at least 5 words, with at least 2 specific content words (an action or a thing,
 *   like "bloeddruk meten") more than vague words ("iets", "dingen", "alles"). "Ik wil beter
 *   worden" has none and fails.
 * - ownLearning: speaks about the student themselves (ik, mijn / I, my, me).
 * - answerable: an open question (hoe, wat, welke, waarom, wanneer, hoeveel… / how, what,
 *   which, why, when…) that starts with a question word, has a question mark, or is asked
 *   indirectly ("ik wil weten hoe…", "I want to find out what…"). A yes/no question ("Kan ik…?",
 *   "Is het…?", "Can I…?") does NOT count: "ja" or "nee" gives the student nothing to do or
 *   find out, and the example nudges them to "Hoe kan ik…?".
 * - practice: linked to work placement or the work floor (stage, bpv, cliënt, bewoner,
 *   collega, afdeling, zorg… / placement, client, resident, colleague, ward, at work…).
 * - timeFrame: says by when (vandaag, deze week, binnen 2 weken, voor vrijdag, in periode 2,
 *   12 december, eind van de maand / today, this week, within two weeks, by Friday, before 1 May…).
 */
export function checkQuestion(text: string, locale: QuestionLocale): QualityCheck[] {
	const normalized = normalizeQuestion(text);
	const tokens = tokensOf(normalized);
	const vocab = vocabularies[detectQuestionLanguage(text, locale)];

	const met: Record<QualityCriterion, boolean> = {
		concrete: isConcrete(tokens, vocab),
		ownLearning: vocab.own.test(normalized),
		answerable: isAnswerable(text, tokens, normalized, vocab),
		practice: vocab.practice.some((re) => re.test(normalized)) || tokens.some((t) => matchesWord(t, vocab.practiceWords)),
		timeFrame:
			vocab.time.some((re) => re.test(normalized)) ||
			numericDate.test(text) ||
			tokens.some((t) => matchesWord(t, vocab.timeWords))
	};
	return qualityCriteria.map((criterion) => ({ criterion, met: met[criterion] }));
}

function isConcrete(tokens: string[], vocab: Vocabulary): boolean {
	if (tokens.length < concreteMinWords) return false;
	let content = 0;
	for (const t of tokens) {
		if (vocab.vague.has(t)) content--;
		else if (t.length >= 3 && !/^\d+$/.test(t) && !vocab.stop.has(t)) content++;
	}
	return content >= concreteMinContent;
}

function isAnswerable(raw: string, tokens: string[], normalized: string, vocab: Vocabulary): boolean {
	const first = tokens[0];
	if (first === undefined) return false;
	if (vocab.questionWords.has(first)) return true;
	if (!tokens.some((t) => vocab.questionWords.has(t))) return false;
	return raw.includes('?') || vocab.indirectQuestion.test(normalized);
}

/** How many criteria are met, 0–5. */
export function qualityScore(checks: readonly QualityCheck[]): number {
	return checks.filter((c) => c.met).length;
}

/** The criteria already met, in checklist order: what the UI praises first. */
export function strengths(checks: readonly QualityCheck[]): QualityCriterion[] {
	return checks.filter((c) => c.met).map((c) => c.criterion);
}

/** The one criterion to work on next (the first one not met), or null when all five are met. */
export function nextToImprove(checks: readonly QualityCheck[]): QualityCriterion | null {
	return checks.find((c) => !c.met)?.criterion ?? null;
}
