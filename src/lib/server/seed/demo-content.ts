/**
 * The demo school's learning content, in Dutch (reading level B1 where students read it): a
 * qualification structure of our own (not the real KD), two boards of Zorg en Welzijn 2A, and what
 * the personas of PERSONAS.md (student1–6) and a few classmates have done so far this period.
 *
 * Pure data. Times are relative to the day the demo is seeded (`daysAgo`, `inDays`, week offsets),
 * so the demo looks current whenever it starts; `demo-learning.ts` turns this into sync ops.
 * Keys (`aankleden`, `g-decubitus`) name records inside the demo; a student's keys are local to them.
 */
import type { EntityData } from '$lib/domain/entities';

export type CoachName = 'coach1' | 'coach2';
type Focus = NonNullable<EntityData['feedback']['focus']>;

// ---------------------------------------------------------------------------------------------
// Qualification

export const demoQualification: EntityData['qualification'] = {
	title: 'Helpende Zorg en Welzijn (mbo-2)',
	code: 'KOERS-HZW2',
	coreTasks: [
		{
			code: 'B1-K1',
			title: 'Ondersteunt de cliënt in het dagelijks leven',
			workProcesses: [
				{ code: 'B1-K1-W1', title: 'Ondersteunt bij persoonlijke verzorging' },
				{ code: 'B1-K1-W2', title: 'Voert huishoudelijke taken uit' },
				{ code: 'B1-K1-W3', title: 'Biedt hulp bij dagbesteding' },
				{ code: 'B1-K1-W4', title: 'Helpt bij eten, drinken en medicatie' }
			]
		},
		{
			code: 'B1-K2',
			title: 'Werkt samen en draagt bij aan goede zorg',
			workProcesses: [
				{ code: 'B1-K2-W1', title: 'Signaleert veranderingen in de situatie van de cliënt' },
				{ code: 'B1-K2-W2', title: "Werkt samen met collega's en naasten" },
				{ code: 'B1-K2-W3', title: 'Draagt bij aan de kwaliteit van zorg' }
			]
		},
		{
			code: 'P1-K1',
			title: 'Werkt veilig en hygiënisch',
			workProcesses: [
				{ code: 'P1-K1-W1', title: 'Werkt volgens de regels voor hygiëne' },
				{ code: 'P1-K1-W2', title: 'Handelt bij onveilige situaties' }
			]
		}
	]
};

// ---------------------------------------------------------------------------------------------
// Boards and items

export const demoLevels: EntityData['board']['levels'] = [
	{ key: 'support', label: 'Ondersteuning' },
	{ key: 'basis', label: 'Basis' },
	{ key: 'repeat', label: 'Herhaling' },
	{ key: 'enrichment', label: 'Verrijking' },
	{ key: 'deepening', label: 'Verdieping' }
];

export type DemoItem = Omit<EntityData['item'], 'boardId' | 'required'> & { key: string; required?: boolean };

export interface DemoBoard {
	key: string;
	title: string;
	description: string;
	mode: EntityData['board']['mode'];
	items: DemoItem[];
}

const thuisarts = { label: 'Thuisarts.nl — uitleg over gezondheid in gewone taal', url: 'https://www.thuisarts.nl/' };
const zorgvoorbeter = { label: 'Zorg voor Beter — praktische kennis voor de zorg thuis en in het verpleeghuis', url: 'https://www.zorgvoorbeter.nl/' };

export const demoBoards: DemoBoard[] = [
	{
		key: 'verzorging',
		title: 'Periode 2 — Persoonlijke verzorging',
		description:
			'De verplichte opdrachten doet iedereen: dat is de basis van deze periode. Daarnaast kies je zelf wat past bij jouw doel, jouw niveau en jouw tempo. De echte opdrachten komen van onze stagebedrijven. Twijfel je wat je moet kiezen? Vraag het je coach.',
		mode: 'free',
		items: [
			{
				key: 'wassen',
				title: 'Stappenplan: hulp bij wassen aan de wastafel',
				level: 'support',
				type: 'practice',
				estimatedMinutes: 45,
				workProcessIds: ['B1-K1-W1', 'P1-K1-W1'],
				instructions: [
					'**Wat ga je doen?**',
					"Je oefent in het skillslab hoe je iemand helpt met wassen aan de wastafel. Je werkt met een stappenplan met foto's.",
					'',
					'1. Lees het stappenplan. Onderstreep de woorden die je niet kent.',
					'2. Kijk hoe je docent het voordoet.',
					'3. Oefen met een klasgenoot. Zij of hij speelt de cliënt.',
					'4. Vraag je klasgenoot: wat ging goed? Wat kan beter?',
					'',
					'**Klaar?** Schrijf drie dingen op die je de volgende keer weer zo doet.'
				].join('\n'),
				resources: [thuisarts]
			},
			{
				key: 'woorden',
				title: 'Woordenlijst: 20 woorden die je elke dag hoort in de zorg',
				level: 'support',
				type: 'theory',
				estimatedMinutes: 30,
				workProcessIds: ['B1-K2-W2'],
				instructions: [
					'Op stage hoor je veel nieuwe woorden. In deze opdracht maak je je eigen woordenlijst.',
					'',
					'1. Schrijf op stage een week lang de woorden op die je niet kent.',
					'2. Zoek de betekenis op of vraag het aan je werkbegeleider.',
					'3. Maak bij elk woord een korte zin. Bijvoorbeeld: *"Ik help meneer met de **steunkousen**."*',
					'4. Oefen de woorden met een klasgenoot of met je coach.',
					'',
					'Tip: begin met woorden als *rapporteren*, *mondzorg*, *incontinentie* en *mobiliteit*.'
				].join('\n')
			},
			{
				key: 'zelfredzaamheid',
				title: 'Persoonlijke verzorging: wat doe jij en wat doet de cliënt zelf?',
				level: 'basis',
				type: 'theory',
				estimatedMinutes: 60,
				required: true,
				workProcessIds: ['B1-K1-W1', 'B1-K2-W1'],
				instructions: [
					'Goede zorg betekent: de cliënt doet zelf wat hij kan. Jij helpt bij wat niet lukt.',
					'',
					'1. Lees de kaart *Zelfredzaamheid* uit de les.',
					'2. Beantwoord de vijf vragen op de opdrachtkaart.',
					'3. Bedenk een voorbeeld van je stage: wat deed de cliënt zelf, en waarbij hielp jij?',
					'',
					'Zet je antwoorden als bewijsstuk in je portfolio.'
				].join('\n')
			},
			{
				key: 'aankleden',
				title: 'Oefenen in het skillslab: hulp bij aan- en uitkleden',
				level: 'basis',
				type: 'practice',
				estimatedMinutes: 90,
				required: true,
				workProcessIds: ['B1-K1-W1'],
				instructions: [
					'Je oefent hulp bij aan- en uitkleden, ook met steunkousen.',
					'',
					'1. Werk met z’n drieën: zorgverlener, cliënt en observator.',
					'2. De observator vult de observatielijst in.',
					'3. Wissel na elke ronde van rol.',
					'4. Vraag aan het eind je docent om de lijst af te tekenen.',
					'',
					'**Let op:** vraag de cliënt steeds wat hij zelf wil en kan.'
				].join('\n')
			},
			{
				key: 'huishouden',
				title: 'Een ochtend huishoudelijke taken plannen in de thuiszorg',
				level: 'basis',
				type: 'practice',
				estimatedMinutes: 60,
				workProcessIds: ['B1-K1-W2'],
				instructions: [
					'Je maakt een planning voor een ochtend bij een cliënt thuis. Casus: mevrouw De Wit, 82 jaar, woont alleen.',
					'',
					'1. Lees de casus.',
					'2. Maak een lijst: wat moet vandaag, en wat kan later?',
					'3. Zet de taken in een schema van 2,5 uur.',
					'4. Schrijf bij elke taak wat mevrouw De Wit zelf kan doen.'
				].join('\n')
			},
			{
				key: 'rapporteren',
				title: 'Observeren en rapporteren: schrijf op wat je ziet',
				level: 'basis',
				type: 'practice',
				estimatedMinutes: 45,
				required: true,
				workProcessIds: ['B1-K2-W1', 'B1-K2-W2'],
				instructions: [
					'In een rapportage schrijf je op wat je ziet en hoort, niet wat je denkt.',
					'',
					'1. Bekijk het filmpje uit de les twee keer.',
					'2. Schrijf op wat je ziet: de feiten.',
					'3. Streep alles door wat een mening is, zoals *"ze was chagrijnig"*.',
					'4. Schrijf een rapportage van hoogstens vijf zinnen.',
					'5. Laat een klasgenoot je rapportage lezen: kan zij zien wat er gebeurde?'
				].join('\n')
			},
			{
				key: 'handen',
				title: 'Herhaling: handen wassen en handschoenen volgens protocol',
				level: 'repeat',
				type: 'practice',
				estimatedMinutes: 30,
				workProcessIds: ['P1-K1-W1'],
				instructions: [
					'Je herhaalt het protocol handhygiëne.',
					'',
					'1. Bekijk de stappen op de poster bij de wastafel.',
					'2. Was je handen met UV-gel en kijk onder de lamp wat je hebt gemist.',
					'3. Oefen handschoenen aan- en uittrekken zonder je huid te raken.',
					'4. Doe het nog een keer, maar nu zonder de poster.'
				].join('\n')
			},
			{
				key: 'feitmening',
				title: 'Herhaling: feit of mening? Vijf rapportages verbeteren',
				level: 'repeat',
				type: 'practice',
				estimatedMinutes: 30,
				workProcessIds: ['B1-K2-W1'],
				instructions: [
					'Je krijgt vijf korte rapportages met fouten erin.',
					'',
					'1. Zoek in elke rapportage de zinnen met een mening.',
					'2. Schrijf die zinnen opnieuw, nu als feit.',
					'3. Vergelijk je antwoorden met de antwoordkaart.'
				].join('\n')
			},
			{
				key: 'dagbesteding',
				title: 'Echte opdracht van Zorgcentrum De Linde: een middag dagbesteding',
				level: 'enrichment',
				type: 'realAssignment',
				estimatedMinutes: 240,
				workProcessIds: ['B1-K1-W3', 'B1-K2-W2'],
				instructions: [
					'**Opdrachtgever:** Zorgcentrum De Linde, afdeling Het Bosje (demo).',
					'',
					'De bewoners van Het Bosje willen op woensdagmiddag meer te doen hebben. De activiteitenbegeleider vraagt jou een activiteit te bedenken en uit te voeren.',
					'',
					'1. Praat met twee bewoners: wat vinden zij leuk?',
					'2. Bedenk een activiteit van een uur die past bij wat zij kunnen.',
					'3. Bespreek je plan met de activiteitenbegeleider.',
					'4. Voer de activiteit uit. Vraag na afloop wat de bewoners ervan vonden.',
					'',
					'**Lever in:** je plan, een korte terugblik en de reactie van de activiteitenbegeleider.'
				].join('\n')
			},
			{
				key: 'veiligwonen',
				title: 'Echte opdracht van Thuiszorg Het Anker: de veilig-wonencheck',
				level: 'enrichment',
				type: 'realAssignment',
				estimatedMinutes: 180,
				workProcessIds: ['B1-K2-W3', 'B1-K1-W2', 'P1-K1-W2'],
				instructions: [
					'**Opdrachtgever:** Thuiszorg Het Anker (demo).',
					'',
					'Het Anker wil weten of cliënten veilig thuis wonen. Jij doet een veilig-wonencheck bij een cliënt van je stage, samen met je werkbegeleider.',
					'',
					'1. Gebruik de checklist van Het Anker: losse kleden, licht, drempels en hulpmiddelen.',
					'2. Loop met de cliënt door het huis. Vraag wat hij zelf lastig vindt.',
					'3. Schrijf drie verbeterpunten op en bespreek ze met je werkbegeleider.',
					'4. Vertel in vijf minuten aan de klas wat je hebt gevonden.'
				].join('\n'),
				resources: [{ label: 'Zorg voor Beter — zoek op "valpreventie"', url: 'https://www.zorgvoorbeter.nl/' }]
			},
			{
				key: 'decubitus',
				title: 'Verdieping: waarom ontstaat doorliggen (decubitus)?',
				level: 'deepening',
				type: 'theory',
				estimatedMinutes: 120,
				nextLevelPrep: true,
				workProcessIds: ['B1-K1-W1', 'B1-K2-W1'],
				instructions: [
					'Je zoekt uit hoe doorliggen ontstaat en wat jij als helpende kunt doen om het te voorkomen.',
					'',
					'1. Zoek uit welke drie dingen de kans op doorliggen groter maken.',
					'2. Leg uit waarom eten en drinken daarbij belangrijk zijn.',
					'3. Maak een kaart voor je stage: welke signalen zie je aan de huid, en aan wie meld je ze?',
					'4. Bespreek je kaart met een verpleegkundige op je stage.',
					'',
					'*Voorbereiding op niveau 3:* daar leer je risico’s inschatten. Hier begin je er al mee.'
				].join('\n'),
				resources: [thuisarts, zorgvoorbeter]
			},
			{
				key: 'zorgplan',
				title: 'Vooruitblik op niveau 3: een zorgplan lezen en bespreken',
				level: 'deepening',
				type: 'project',
				estimatedMinutes: 180,
				nextLevelPrep: true,
				workProcessIds: ['B1-K2-W2', 'B1-K2-W3'],
				instructions: [
					'Op niveau 3 werk je mee aan het zorgplan. In dit project leer je een zorgplan lezen.',
					'',
					'1. Vraag op je stage of je een zorgplan zonder naam mag inzien.',
					'2. Zoek uit: welke doelen staan erin, en wie doet wat?',
					'3. Kies één doel en schrijf op hoe jouw werk daaraan bijdraagt.',
					'4. Bespreek in tien minuten met je werkbegeleider wat jij zou veranderen.',
					'',
					'**Privacy:** schrijf geen namen of andere gegevens van de cliënt op.'
				].join('\n')
			}
		]
	},
	{
		key: 'rekenen',
		title: 'Rekenen in de zorg',
		description:
			'Een stappenplan in zes stappen: van liters en milliliters naar een vochtlijst en een toedienlijst. Doe de stappen op volgorde. Beheers je een stap al? Overleg met je coach of je hem mag overslaan.',
		mode: 'stepPlan',
		items: [
			{
				key: 'r1-milliliters',
				title: 'Stap 1: Liters, milliliters en bekers',
				level: 'support',
				type: 'practice',
				estimatedMinutes: 30,
				order: 1,
				workProcessIds: ['B1-K1-W4'],
				instructions: [
					'In de zorg reken je vaak met milliliters (ml).',
					'',
					'1. Weet je het nog? 1 liter = 1000 ml.',
					'2. Meet met een maatbeker hoeveel er in een koffiekop, een glas en een beker van je stage past.',
					'3. Schrijf de uitkomsten op een kaartje. Dit kaartje mag je op stage gebruiken.',
					'4. Maak de tien sommen op het oefenblad.'
				].join('\n')
			},
			{
				key: 'r2-vochtlijst',
				title: 'Stap 2: Een vochtlijst bijhouden',
				level: 'basis',
				type: 'practice',
				estimatedMinutes: 45,
				order: 2,
				required: true,
				workProcessIds: ['B1-K1-W4', 'B1-K2-W1'],
				instructions: [
					'Sommige cliënten mogen niet te veel of te weinig drinken. Dan houd je een vochtlijst bij.',
					'',
					'1. Bekijk de voorbeeldvochtlijst van De Linde.',
					'2. Vul de lijst in voor meneer Bos: wat heeft hij gedronken van 8.00 tot 20.00 uur?',
					'3. Tel alles op. Haalt hij zijn doel van 1500 ml?',
					'4. Schrijf op wat je doet als het niet klopt: aan wie meld je het?'
				].join('\n')
			},
			{
				key: 'r3-herhaling',
				title: 'Stap 3: Herhaling: vochtbalans met echte lijsten',
				level: 'repeat',
				type: 'practice',
				estimatedMinutes: 30,
				order: 3,
				workProcessIds: ['B1-K1-W4'],
				instructions: [
					'Je oefent met drie ingevulde vochtlijsten van een stage (zonder namen).',
					'',
					'1. Reken per lijst uit hoeveel de cliënt heeft gedronken.',
					'2. Zoek de fout die in elke lijst zit.',
					'3. Controleer je antwoorden samen met een klasgenoot.'
				].join('\n')
			},
			{
				key: 'r4-toedienlijst',
				title: 'Stap 4: Medicatie aanreiken: de toedienlijst lezen',
				level: 'basis',
				type: 'theory',
				estimatedMinutes: 45,
				order: 4,
				required: true,
				workProcessIds: ['B1-K1-W4', 'P1-K1-W2'],
				instructions: [
					'Als helpende reik je soms medicijnen aan. Dat doe je alleen als dat zo is afgesproken, en precies volgens de toedienlijst.',
					'',
					'1. Lees op de voorbeeldtoedienlijst: welk medicijn, hoeveel en hoe laat?',
					'2. Reken uit: meneer krijgt 2 tabletten van 500 mg. Hoeveel mg is dat samen?',
					'3. Beantwoord de vragen over de vijf J’s: juiste cliënt, juiste medicijn, juiste dosis, juiste tijd en juiste manier.',
					'4. Schrijf op wat je doet als je twijfelt.'
				].join('\n'),
				resources: [{ label: 'Thuisarts.nl — zoek op "medicijnen"', url: 'https://www.thuisarts.nl/' }]
			},
			{
				key: 'r5-controle',
				title: 'Stap 5: Echte opdracht: vochtlijsten controleren op De Linde',
				level: 'enrichment',
				type: 'realAssignment',
				estimatedMinutes: 90,
				order: 5,
				workProcessIds: ['B1-K2-W1', 'B1-K2-W3'],
				instructions: [
					'**Opdrachtgever:** Zorgcentrum De Linde (demo).',
					'',
					'De afdeling merkt dat vochtlijsten niet altijd goed zijn ingevuld.',
					'',
					'1. Controleer samen met je werkbegeleider de vochtlijsten van één dag.',
					'2. Tel na: kloppen de totalen?',
					'3. Schrijf op wat vaak misgaat.',
					'4. Geef de afdeling één tip om het makkelijker te maken.'
				].join('\n')
			},
			{
				key: 'r6-doseringen',
				title: 'Stap 6: Verdieping: rekenen met milligram per milliliter',
				level: 'deepening',
				type: 'practice',
				estimatedMinutes: 60,
				order: 6,
				nextLevelPrep: true,
				workProcessIds: ['B1-K1-W4'],
				instructions: [
					'Sommige medicijnen zijn een drankje. Dan reken je met mg per ml.',
					'',
					'1. Een drankje bevat 250 mg per 5 ml. Hoeveel ml is 500 mg?',
					'2. Maak de acht sommen op het oefenblad.',
					'3. Leg aan een klasgenoot uit hoe je het hebt uitgerekend.',
					'',
					'*Voorbereiding op niveau 3:* daar reken je vaker met doseringen.'
				].join('\n')
			}
		]
	}
];

// ---------------------------------------------------------------------------------------------
// Autonomy: how much each student may choose without approval, and at which board level

type Autonomy = Omit<EntityData['autonomy'], 'studentId'>;
export interface DemoAutonomy extends Autonomy {
	student: string;
	by: CoachName;
	/** An earlier setting, kept in the record's history. */
	earlier?: Autonomy;
}

/** Classmates 13–24: a realistic spread, half a step behind the personas in attention. */
const mixed: [EntityData['autonomy']['level'], string, string][] = [
	['shared', 'basis', 'Kiest goed binnen de basis; mag één niveau hoger of lager kiezen.'],
	['guided', 'basis', 'Heeft nu baat bij een vaste volgorde. Keuzes bespreken we eerst samen.'],
	['shared', 'basis', 'Plant zelf en bespreekt de keuzes in het coachgesprek.'],
	['guided', 'support', 'Begint met kleine stappen en veel uitleg. Na de kerst kijken we opnieuw.'],
	['shared', 'repeat', 'Herhaalt eerst de basis van periode 1; daarna weer basis.'],
	['selfDirected', 'enrichment', 'Werkt zelfstandig en laat steeds zien dat de planning gehaald wordt.']
];

export const demoAutonomy: DemoAutonomy[] = [
	{ student: 'student1', by: 'coach1', level: 'selfDirected', workLevel: 'basis', reason: 'Twee jaar werkervaring in de thuiszorg. Daan kiest zelf, ook verrijking, en laat met bewijs zien wat hij al beheerst.' },
	{ student: 'student2', by: 'coach1', level: 'shared', workLevel: 'deepening', reason: 'Lotte wil weten waarom iets zo is. Ze kiest zelf binnen verdieping en verrijking; we bespreken haar vragen samen.' },
	{ student: 'student3', by: 'coach1', level: 'guided', workLevel: 'support', reason: 'Samira heeft nu structuur en kleine stappen nodig. Ik keur haar keuzes goed, zodat ze weet dat ze op de goede weg is.' },
	{ student: 'student4', by: 'coach1', level: 'selfDirected', workLevel: 'enrichment', reason: 'Kevin werkt snel en wil door naar niveau 3. Hij plant zelf; let op zijn zelfbeoordeling.' },
	{ student: 'student5', by: 'coach2', level: 'guided', workLevel: 'basis', reason: 'Noah heeft nu vaste afspraken nodig. Als hij weer elke week logt, gaan we naar samen kiezen.' },
	{
		student: 'student6',
		by: 'coach1',
		level: 'shared',
		workLevel: 'basis',
		reason: 'Fatima plant zelf goed, ook als ze een dag mist. Tempo mag schuiven in overleg.',
		earlier: { level: 'guided', workLevel: 'basis', reason: 'Start van het jaar: eerst kennismaken en structuur.' }
	},
	{ student: 'student7', by: 'coach1', level: 'shared', workLevel: 'basis', reason: 'Emma kiest goed binnen de basis; ze mag één niveau hoger of lager kiezen.' },
	{ student: 'student8', by: 'coach2', level: 'shared', workLevel: 'basis', reason: 'Bram plant zelf. Voor rekenen volgt hij het stappenplan.' },
	{ student: 'student9', by: 'coach1', level: 'guided', workLevel: 'support', reason: 'Sanne heeft nu baat bij duidelijke keuzes en een vaste persoon om het mee te bespreken.' },
	{ student: 'student10', by: 'coach2', level: 'guided', workLevel: 'basis', reason: 'Jayden heeft structuur nodig bij het plannen. We kiezen samen.' },
	{ student: 'student11', by: 'coach1', level: 'shared', workLevel: 'repeat', reason: 'Yasmin herhaalt eerst de basis van periode 1 en mag daarnaast één stap hoger kiezen.' },
	{ student: 'student12', by: 'coach1', level: 'selfDirected', workLevel: 'enrichment', reason: 'Luuk werkt zelfstandig en haalt steeds zijn planning.' },
	...Array.from({ length: 12 }, (_, i): DemoAutonomy => {
		const [level, workLevel, reason] = mixed[i % mixed.length]!;
		return { student: `student${i + 13}`, by: i % 3 === 2 ? 'coach2' : 'coach1', level, workLevel, reason };
	})
];

// ---------------------------------------------------------------------------------------------
// Students' own records

export interface LogEntry {
	daysAgo: number;
	/** Local time (Europe/Amsterdam), "HH:MM". */
	time: string;
	minutes: number;
	note: string;
	helpAsked?: boolean;
}

type Cycle = EntityData['cycle'];
export interface DemoCycle {
	key: string;
	choice?: string;
	goal?: string;
	previous?: string;
	phase: Cycle['phase'];
	forethought?: Cycle['forethought'];
	performance?: LogEntry[];
	reflection?: Cycle['reflection'];
	/** Given by a coach after the student's own reflection. */
	coachRating?: { by: CoachName; mark: number };
}

export interface DemoGoal {
	key: string;
	title: string;
	why?: string;
	successCriteria?: string;
	targetInDays?: number;
	status: EntityData['goal']['status'];
	workProcessIds?: string[];
	questions?: { key: string; text: string }[];
}

export interface DemoChoice {
	key: string;
	/** An item key of either board. */
	item: string;
	/** ISO week relative to the current one: -1 last week, 0 this week, 1 next week. */
	week: number;
	status: EntityData['choice']['status'];
	needsApproval?: boolean;
	goal?: string;
	doneDaysAgo?: number;
	/** A coach sets the status to "approved" after the student planned it. */
	approvedBy?: CoachName;
}

export interface DemoEvidence {
	key: string;
	title: string;
	body: string;
	goals?: string[];
	items?: string[];
	workProcessIds?: string[];
	links?: string[];
	visibility: EntityData['evidence']['visibility'];
}

export interface DemoStudent {
	username: string;
	intake?: Omit<EntityData['intake'], 'completedAt'> & { completedDaysAgo: number };
	goals: DemoGoal[];
	choices: DemoChoice[];
	cycles: DemoCycle[];
	evidence: DemoEvidence[];
	ratings: { item: string; stars: number; comment?: string }[];
}

export const demoStudentStories: DemoStudent[] = [
	// Daan, 19 — back to the work floor.
	{
		username: 'student1',
		intake: {
			completedDaysAgo: 20,
			priorEducation: 'Vmbo basisberoepsgerichte leerweg, profiel Zorg en welzijn.',
			workExperience:
				'Twee jaar gewerkt in de thuiszorg als huishoudelijke hulp en later als zorghulp. Ik hielp cliënten met douchen, aankleden, steunkousen en het huishouden.',
			placementExperience: 'Stage bij Thuiszorg Het Anker (demo), wijkteam Noord, twee dagen per week.',
			interests: 'Werken met ouderen, buiten zijn, fietsen.',
			ambitionKind: 'job',
			ambitions: 'Zo snel mogelijk weer aan het werk in de thuiszorg, nu met een diploma.',
			helpsMeLearn: 'Doen in plaats van lezen. Iemand die meekijkt en zegt wat beter kan.',
			needsDidactic:
				'Ik heb baat bij erkenning van wat ik al kan, zodat ik niet alles opnieuw hoef te doen. Echte opdrachten uit de praktijk helpen mij het meest.',
			needsPedagogical: 'Vertrouwen dat ik mijn eigen planning kan maken.',
			confidence: 8,
			supportDutch: false,
			supportMaths: false
		},
		goals: [
			{
				key: 'g-ervaring',
				title: 'Ik laat zien dat ik persoonlijke verzorging al beheers',
				why: 'Ik heb twee jaar in de thuiszorg gewerkt. Ik wil dat niet opnieuw leren, maar laten zien wat ik kan, zodat ik tijd heb voor nieuwe dingen.',
				successCriteria:
					'Mijn werkbegeleider tekent de onderdelen van de observatielijst af die ik al beheers. Ik lever twee bewijsstukken uit mijn werk in.',
				targetInDays: 18,
				status: 'active',
				workProcessIds: ['B1-K1-W1', 'B1-K1-W2'],
				questions: [
					{
						key: 'q-aftekenen',
						text: 'Welke onderdelen van de observatielijst kan ik aftekenen met mijn werkervaring, en welke moet ik nog oefenen?'
					}
				]
			},
			{
				key: 'g-anker',
				title: 'Ik maak een echte opdracht voor Thuiszorg Het Anker',
				why: 'Ik wil iets doen waar de cliënten van Het Anker echt iets aan hebben.',
				successCriteria: 'Mijn werkbegeleider neemt minstens één van mijn verbeterpunten over.',
				targetInDays: 11,
				status: 'active',
				workProcessIds: ['B1-K2-W3', 'B1-K2-W2']
			}
		],
		choices: [
			{ key: 'c-aankleden', item: 'aankleden', week: -2, status: 'done', doneDaysAgo: 12, goal: 'g-ervaring' },
			{ key: 'c-zelfredzaamheid', item: 'zelfredzaamheid', week: -1, status: 'done', doneDaysAgo: 6 },
			{ key: 'c-veiligwonen', item: 'veiligwonen', week: 0, status: 'inProgress', goal: 'g-anker' }
		],
		cycles: [
			{
				key: 'cy-aankleden',
				choice: 'c-aankleden',
				phase: 'done',
				forethought: {
					aim: 'De observatielijst aan- en uitkleden in één keer goed doen.',
					ratingNow: 7,
					ratingTarget: 9,
					strategy: 'Eerst de lijst lezen, dan oefenen zoals ik het op mijn werk doe.',
					timeEstimate: 60,
					needFromCoach: 'Dat iemand mijn lijst snel aftekent.'
				},
				performance: [
					{ daysAgo: 14, time: '10:15', minutes: 60, note: 'Geoefend in een drietal. Steunkousen gingen vlot, dat doe ik al jaren.' },
					{ daysAgo: 12, time: '11:00', minutes: 25, note: 'Lijst laten aftekenen. Eén punt gemist: de cliënt zelf laten kiezen welke kleren.' }
				],
				reflection: {
					howItWent: 'Ging goed. Het meeste kende ik al van mijn werk.',
					ratingAfter: 8,
					whatWorked: 'Mijn ervaring met steunkousen en met cliënten die stijf zijn.',
					doDifferently: 'De cliënt meer zelf laten doen. Ik neem het te snel over, dat is een gewoonte van mijn werk.',
					nextStep: 'Bij Het Anker de veilig-wonencheck doen en daarbij de cliënt laten vertellen wat hij lastig vindt.'
				},
				coachRating: { by: 'coach1', mark: 8 }
			},
			{
				key: 'cy-veiligwonen',
				choice: 'c-veiligwonen',
				previous: 'cy-aankleden',
				phase: 'performance',
				forethought: {
					aim: 'Een veilig-wonencheck doen bij een cliënt op mijn route en drie verbeterpunten bespreken met mijn werkbegeleider.',
					ratingNow: 6,
					ratingTarget: 8,
					strategy: 'De checklist meenemen op mijn stagedag en de cliënt eerst zelf laten vertellen.',
					timeEstimate: 180,
					needFromCoach: 'Feedback op mijn presentatie voor de klas.'
				},
				performance: [
					{ daysAgo: 4, time: '09:30', minutes: 90, note: 'Checklist gelopen met meneer (82). Losse kleden in de gang en weinig licht bij de trap.' },
					{ daysAgo: 1, time: '14:00', minutes: 45, note: 'Verbeterpunten besproken met mijn werkbegeleider. Ze wil de nachtlampjes meteen regelen.', helpAsked: true }
				]
			}
		],
		evidence: [
			{
				key: 'e-steunkousen',
				title: 'Steunkousen aantrekken (uit mijn werkervaring)',
				body: [
					'In mijn werk bij de thuiszorg trok ik elke ochtend bij vier cliënten steunkousen aan.',
					'',
					'- Ik gebruik een aantrekhulp als de cliënt dat heeft.',
					'- Ik controleer de huid op rode plekken en meld die.',
					'- Ik vraag of de kous goed zit en niet knelt.',
					'',
					'Mijn oud-leidinggevende kan dit bevestigen.'
				].join('\n'),
				goals: ['g-ervaring'],
				items: ['aankleden'],
				workProcessIds: ['B1-K1-W1', 'B1-K2-W1'],
				visibility: 'coach'
			},
			{
				key: 'e-observatielijst',
				title: 'Observatielijst aan- en uitkleden, afgetekend',
				body: 'Observatielijst uit het skillslab. Alle onderdelen afgetekend, op één na: de cliënt zelf laten kiezen. Dat oefen ik nu op stage.',
				goals: ['g-ervaring'],
				items: ['aankleden'],
				workProcessIds: ['B1-K1-W1'],
				visibility: 'coach'
			}
		],
		ratings: [
			{ item: 'aankleden', stars: 3, comment: 'Goede oefening, maar ik kende het al. Liever sneller laten aftekenen.' },
			{ item: 'zelfredzaamheid', stars: 2, comment: 'Veel wat ik al wist van mijn werk. Liever een korte toets om te laten zien wat ik kan.' }
		]
	},

	// Lotte, 17 — wants to know why.
	{
		username: 'student2',
		intake: {
			completedDaysAgo: 19,
			priorEducation: 'Vmbo kaderberoepsgerichte leerweg, profiel Zorg en welzijn.',
			workExperience: 'Bijbaan in een bakkerij op zaterdag.',
			placementExperience: 'Stage bij Zorgcentrum De Linde (demo), afdeling somatiek.',
			interests: 'Biologie, het menselijk lichaam, podcasts over gezondheid.',
			ambitionKind: 'nextLevel',
			ambitions: 'Misschien later verpleegkunde. Eerst wil ik dit echt goed snappen.',
			helpsMeLearn: 'Als ik weet waarom iets zo moet. Dan onthoud ik het ook.',
			needsDidactic: 'Ik heb baat bij opdrachten waarin ik dieper kan gaan, en bij uitleg van het waarom, niet alleen het hoe.',
			needsPedagogical: 'Een coach die mijn vragen serieus neemt en mij zelf laat nadenken.',
			confidence: 7,
			supportDutch: false,
			supportMaths: false
		},
		goals: [
			{
				key: 'g-decubitus',
				title: 'Ik begrijp hoe doorliggen ontstaat en hoe ik het help voorkomen',
				why: 'Op mijn afdeling liggen twee bewoners veel in bed. Ik zie de verzorgenden hen draaien, maar ik weet niet precies waarom op die tijden, en wat ik zelf moet opletten bij het wassen.',
				successCriteria:
					'Ik kan in eigen woorden uitleggen welke drie dingen doorliggen veroorzaken. Ik heb een kaart met huidsignalen die ik op stage gebruik, en een verpleegkundige heeft die kaart met mij besproken.',
				targetInDays: 25,
				status: 'active',
				workProcessIds: ['B1-K1-W1', 'B1-K2-W1'],
				questions: [
					{
						key: 'q-huid',
						text: 'Waarom ontstaat een doorligplek sneller bij iemand die weinig drinkt of weinig eet, en hoe kan ik tijdens het wassen al zien dat de huid in gevaar is, nog voordat er een wond is? Ik wil ook weten welke signalen ik als helpende zelf moet doorgeven aan de verpleegkundige, en hoe ik dat in de rapportage zet zodat het een observatie is en geen mening.'
					},
					{
						key: 'q-wisselligging',
						text: 'Hoe vaak moet iemand die veel in bed ligt van houding veranderen, en waarom is dat niet voor iedereen hetzelfde? Op mijn afdeling is het bij de ene bewoner elke twee uur en bij de andere elke vier uur.'
					}
				]
			},
			{
				key: 'g-rapport',
				title: 'Ik schrijf rapportages met feiten in plaats van meningen',
				why: 'Mijn werkbegeleider zei dat mijn rapportages te veel "ik vond" bevatten.',
				successCriteria: 'Mijn werkbegeleider keurt drie rapportages achter elkaar goed zonder opmerkingen over meningen.',
				status: 'achieved',
				workProcessIds: ['B1-K2-W1'],
				questions: [
					{
						key: 'q-woorden',
						text: 'Welke woorden in mijn rapportages zijn eigenlijk een mening, ook al lijken ze een feit, zoals "onrustig" of "in de war"? En hoe schrijf ik ze dan wel op?'
					}
				]
			}
		],
		choices: [
			{ key: 'c-rapporteren', item: 'rapporteren', week: -2, status: 'done', doneDaysAgo: 10, goal: 'g-rapport' },
			{ key: 'c-decubitus', item: 'decubitus', week: 0, status: 'inProgress', goal: 'g-decubitus' },
			{ key: 'c-zorgplan', item: 'zorgplan', week: 1, status: 'planned' }
		],
		cycles: [
			{
				key: 'cy-rapporteren',
				choice: 'c-rapporteren',
				phase: 'done',
				forethought: {
					aim: 'Een rapportage schrijven met alleen feiten, die een ander kan begrijpen zonder erbij te zijn geweest.',
					ratingNow: 5,
					ratingTarget: 8,
					strategy: 'Voorbeeldrapportages vergelijken en een lijst maken van woorden die een mening zijn.',
					timeEstimate: 60,
					needFromCoach: 'Dat u mijn lijst met mening-woorden bekijkt.'
				},
				performance: [
					{ daysAgo: 14, time: '13:30', minutes: 40, note: 'Filmpje twee keer bekeken en een eerste rapportage geschreven.' },
					{ daysAgo: 12, time: '15:45', minutes: 30, note: 'Noor las mijn rapportage: "rustig" is ook een mening. Herschreven met wat ik zag.', helpAsked: true }
				],
				reflection: {
					howItWent: 'Beter dan ik dacht. Ik zie nu het verschil tussen wat ik zie en wat ik denk.',
					ratingAfter: 8,
					whatWorked: 'Mijn rapportage laten lezen door een klasgenoot die er niet bij was.',
					doDifferently: 'Eerder hulp vragen in plaats van lang twijfelen over één woord.',
					nextStep: 'Bij doorliggen let ik op wat ik aan de huid zie, en schrijf ik dat als feit op.'
				},
				coachRating: { by: 'coach1', mark: 8 }
			},
			{
				key: 'cy-decubitus',
				choice: 'c-decubitus',
				previous: 'cy-rapporteren',
				phase: 'performance',
				forethought: {
					aim: 'Kunnen uitleggen hoe doorliggen ontstaat en welke signalen ik moet melden.',
					ratingNow: 4,
					ratingTarget: 8,
					strategy: 'Eerst lezen op Thuisarts.nl, dan een kaart maken, dan bespreken met de verpleegkundige.',
					timeEstimate: 120,
					needFromCoach: 'Vragen terug als ik het mezelf te makkelijk maak.'
				},
				performance: [
					{ daysAgo: 5, time: '16:10', minutes: 50, note: 'Drie oorzaken gevonden: druk, schuiven over het laken en een vochtige huid. Nog niet duidelijk waarom eten uitmaakt.' },
					{ daysAgo: 2, time: '19:20', minutes: 35, note: 'Kaart met huidsignalen gemaakt. Nog bespreken met de verpleegkundige.' }
				]
			}
		],
		evidence: [
			{
				key: 'e-rapportage',
				title: 'Rapportage-oefening: van mening naar feit',
				body: [
					'**Eerst:** "Mevrouw was onrustig en had geen zin in eten."',
					'',
					'**Daarna:** "Mevrouw stond drie keer op tijdens de lunch en liep naar de deur. Ze at twee happen van haar boterham en zei: ik heb geen trek."',
					'',
					'Wat ik leerde: schrijf op wat je ziet en hoort, en laat de conclusie aan de lezer.'
				].join('\n'),
				goals: ['g-rapport'],
				items: ['rapporteren'],
				workProcessIds: ['B1-K2-W1'],
				visibility: 'coach'
			}
		],
		ratings: [{ item: 'rapporteren', stars: 5, comment: 'Heel nuttig. Het filmpje was goed gekozen en je ziet meteen het verschil.' }]
	},

	// Samira, 16 — low confidence, wants the diploma badly.
	{
		username: 'student3',
		intake: {
			completedDaysAgo: 18,
			priorEducation: 'Entreeopleiding Zorg en welzijn. Daarvoor de internationale schakelklas (ISK).',
			workExperience: 'Ik help thuis bij de zorg voor mijn oma.',
			placementExperience: 'Stage bij Zorgcentrum De Linde (demo), twee ochtenden per week.',
			interests: 'Koken, tekenen, mensen helpen.',
			ambitionKind: 'diploma',
			ambitions: 'Mijn diploma halen. Daarna wil ik werken in een verpleeghuis.',
			helpsMeLearn: 'Korte uitleg met plaatjes. Als iemand het eerst voordoet. Tijd om te oefenen.',
			needsDidactic: 'Ik heb baat bij uitleg in kleine stappen en bij hulp met Nederlandse woorden.',
			needsPedagogical: 'Het helpt mij als iemand zegt wat al goed gaat.',
			confidence: 4,
			supportDutch: true,
			supportMaths: false
		},
		goals: [
			{
				key: 'g-wassen',
				title: 'Ik help een cliënt met wassen aan de wastafel, stap voor stap',
				why: 'Dit doe ik vaak op stage. Ik wil het goed doen en niet bang zijn.',
				successCriteria: 'Ik doe alle stappen van het stappenplan. Mijn werkbegeleider zegt dat het goed ging.',
				targetInDays: 28,
				status: 'active',
				workProcessIds: ['B1-K1-W1'],
				questions: [{ key: 'q-goed', text: 'Hoe weet ik of ik het goed doe?' }]
			},
			{
				key: 'g-woorden',
				title: 'Ik leer 20 woorden die ik elke dag nodig heb op stage',
				why: 'Soms begrijp ik mijn collega’s niet. Dan durf ik niets te vragen.',
				successCriteria: 'Ik ken 20 woorden en kan bij elk woord een zin maken.',
				targetInDays: 14,
				status: 'active',
				workProcessIds: ['B1-K2-W2']
			}
		],
		choices: [
			{ key: 'c-handen', item: 'handen', week: -2, status: 'done', needsApproval: true, doneDaysAgo: 9 },
			{ key: 'c-woorden', item: 'woorden', week: 0, status: 'planned', needsApproval: true, goal: 'g-woorden', approvedBy: 'coach1' },
			{ key: 'c-wassen', item: 'wassen', week: 1, status: 'planned', needsApproval: true, goal: 'g-wassen' }
		],
		cycles: [
			{
				key: 'cy-handen',
				choice: 'c-handen',
				phase: 'done',
				forethought: {
					aim: 'Mijn handen wassen volgens het protocol.',
					ratingNow: 3,
					ratingTarget: 6,
					strategy: 'De poster goed bekijken en thuis oefenen.',
					timeEstimate: 30,
					needFromCoach: 'Uitleg van de moeilijke woorden.'
				},
				performance: [
					{ daysAgo: 11, time: '09:00', minutes: 30, note: 'Geoefend met de UV-lamp. Mijn duimen waren nog niet schoon.', helpAsked: true },
					{ daysAgo: 9, time: '09:10', minutes: 20, note: 'Nog een keer zonder poster. Het ging beter.' }
				],
				reflection: {
					howItWent: 'Ik denk dat het niet zo goed ging. Ik was langzaam.',
					ratingAfter: 4,
					whatWorked: 'De UV-lamp. Dan zie je wat je vergeet.',
					doDifferently: 'Meer oefenen.',
					nextStep: 'Woorden leren voor mijn stage.'
				},
				coachRating: { by: 'coach1', mark: 6 }
			},
			{
				key: 'cy-woorden',
				choice: 'c-woorden',
				previous: 'cy-handen',
				phase: 'forethought',
				forethought: {
					aim: 'Ik leer 20 woorden voor mijn stage.',
					ratingNow: 3,
					ratingTarget: 6,
					strategy: 'Elke stage-ochtend 3 woorden opschrijven. Thuis oefenen met mijn zus.',
					timeEstimate: 60,
					needFromCoach: 'Dat u mijn zinnen nakijkt.'
				}
			}
		],
		evidence: [
			{
				key: 'e-handen',
				title: 'Handhygiëne: mijn foto onder de UV-lamp',
				body: 'De eerste keer waren mijn duimen en mijn polsen niet schoon. De tweede keer wel. Nu was ik eerst mijn duimen.',
				goals: ['g-wassen'],
				items: ['handen'],
				workProcessIds: ['P1-K1-W1'],
				visibility: 'coach'
			}
		],
		ratings: [{ item: 'handen', stars: 4, comment: 'De UV-lamp hielp. Nu snap ik de stappen.' }]
	},

	// Kevin, 18 — wants to finish in one year.
	{
		username: 'student4',
		intake: {
			completedDaysAgo: 21,
			priorEducation: 'Havo tot en met klas 4. Daarna gekozen voor het mbo, omdat ik iets praktisch wil doen.',
			workExperience: 'Vakkenvuller bij een supermarkt.',
			placementExperience: 'Stage bij Zorgcentrum De Linde (demo), afdeling psychogeriatrie.',
			interests: 'Sporten, gamen, EHBO (ik heb mijn diploma).',
			ambitionKind: 'nextLevel',
			ambitions: 'Dit jaar mijn diploma niveau 2 halen en dan door naar Verzorgende IG op niveau 3.',
			helpsMeLearn: 'Zelf plannen en doorwerken. Ik wil niet wachten op de rest.',
			needsDidactic: 'Ik heb baat bij een tempo dat bij mij past en bij opdrachten die mij voorbereiden op niveau 3.',
			needsPedagogical: 'Eerlijke feedback, ook als iets niet goed gaat.',
			confidence: 9,
			supportDutch: false,
			supportMaths: false
		},
		goals: [
			{
				key: 'g-tempo',
				title: 'Ik rond periode 2 af vóór de kerstvakantie',
				why: 'Ik wil in één jaar klaar zijn en dan door naar niveau 3.',
				successCriteria: 'Alle verplichte opdrachten zijn klaar en goedgekeurd. Ik heb twee verdiepingsopdrachten gedaan.',
				targetInDays: 25,
				status: 'active',
				workProcessIds: ['B1-K1-W1', 'B1-K2-W1', 'B1-K2-W3']
			},
			{
				key: 'g-niveau3',
				title: 'Ik bereid me voor op niveau 3: een zorgplan lezen',
				why: 'Op niveau 3 moet je met het zorgplan werken. Daar wil ik nu al mee beginnen.',
				successCriteria: 'Ik kan van één zorgplan uitleggen welke doelen erin staan en wat mijn werk eraan bijdraagt.',
				targetInDays: 40,
				status: 'active',
				workProcessIds: ['B1-K2-W2', 'B1-K2-W3'],
				questions: [{ key: 'q-niveau3', text: 'Welke opdrachten van niveau 3 mag ik nu al doen, en tellen die later mee?' }]
			}
		],
		choices: [
			{ key: 'c-zelfredzaamheid', item: 'zelfredzaamheid', week: -3, status: 'done', doneDaysAgo: 17, goal: 'g-tempo' },
			{ key: 'c-aankleden', item: 'aankleden', week: -2, status: 'done', doneDaysAgo: 11, goal: 'g-tempo' },
			{ key: 'c-rapporteren', item: 'rapporteren', week: -1, status: 'done', doneDaysAgo: 5, goal: 'g-tempo' },
			{ key: 'c-zorgplan', item: 'zorgplan', week: 0, status: 'inProgress', goal: 'g-niveau3' },
			{ key: 'c-decubitus', item: 'decubitus', week: 1, status: 'done', doneDaysAgo: 1, goal: 'g-tempo' },
			{ key: 'c-doseringen', item: 'r6-doseringen', week: 1, status: 'planned', goal: 'g-niveau3' }
		],
		cycles: [
			{
				key: 'cy-aankleden',
				choice: 'c-aankleden',
				phase: 'done',
				forethought: {
					aim: 'De observatielijst aan- en uitkleden in één keer halen.',
					ratingNow: 8,
					ratingTarget: 9,
					strategy: 'Filmpje bekijken en meteen oefenen.',
					timeEstimate: 45
				},
				performance: [{ daysAgo: 11, time: '10:30', minutes: 40, note: 'In één ronde klaar. Als eerste van de groep.' }],
				reflection: {
					howItWent: 'Heel goed, ik was als eerste klaar.',
					ratingAfter: 9,
					whatWorked: 'Snel werken. De lijst kende ik uit mijn hoofd.',
					doDifferently: 'Niets eigenlijk.',
					nextStep: 'Door naar de verdieping.'
				},
				coachRating: { by: 'coach1', mark: 7 }
			},
			{
				key: 'cy-zorgplan',
				choice: 'c-zorgplan',
				previous: 'cy-aankleden',
				phase: 'forethought',
				forethought: {
					aim: 'Een zorgplan lezen en uitleggen hoe mijn werk bijdraagt aan één doel.',
					ratingNow: 6,
					ratingTarget: 9,
					strategy: 'Een zorgplan zonder naam opvragen bij de eerstverantwoordelijke op De Linde en het samen doorlopen.',
					timeEstimate: 150,
					needFromCoach: 'Dat u zegt of dit genoeg is als voorbereiding op niveau 3.'
				}
			}
		],
		evidence: [
			{
				key: 'e-planning',
				title: 'Mijn planning voor periode 2',
				body: [
					'- Week 1 tot en met 3: de verplichte opdrachten (klaar).',
					'- Week 4 en 5: zorgplan lezen en doorliggen.',
					'- Week 6 en 7: rekenen stap 6 en afronden.',
					'',
					'Als alles lukt ben ik vóór de kerstvakantie klaar.'
				].join('\n'),
				goals: ['g-tempo'],
				visibility: 'coach'
			}
		],
		ratings: [
			{ item: 'zelfredzaamheid', stars: 4, comment: 'Duidelijk en snel klaar.' },
			{ item: 'aankleden', stars: 4 },
			{ item: 'rapporteren', stars: 3, comment: 'Beetje saai, maar wel nodig.' }
		]
	},

	// Noah, 17 — struggles with maths, drifts off. His last log entry is 12 days old.
	{
		username: 'student5',
		intake: {
			completedDaysAgo: 17,
			priorEducation: 'Vmbo basisberoepsgerichte leerweg, profiel Dienstverlening en producten.',
			workExperience: 'Bijbaan als afwasser in een restaurant.',
			placementExperience: 'Stage bij Zorgcentrum De Linde (demo). Ik help bij het eten en bij activiteiten. Dat vind ik het leukst.',
			interests: 'Voetbal, muziek, met mensen praten.',
			ambitionKind: 'job',
			ambitions: 'Werken in de zorg, het liefst met ouderen of in de gehandicaptenzorg.',
			helpsMeLearn: 'Als het over mijn stage gaat. Korte opdrachten. Iemand die vraagt hoe het gaat.',
			needsDidactic: 'Ik heb baat bij rekenen met voorbeelden uit de zorg, zoals vochtlijsten.',
			needsPedagogical: 'Korte gesprekken met mijn coach, zodat ik bijblijf.',
			confidence: 5,
			supportDutch: false,
			supportMaths: true
		},
		goals: [
			{
				key: 'g-vochtlijst',
				title: 'Ik kan een vochtlijst goed bijhouden en optellen',
				why: 'Op stage moet ik de vochtlijst invullen. Ik wil geen fouten maken bij de bewoners.',
				successCriteria: 'Ik vul drie vochtlijsten in zonder rekenfouten. Mijn werkbegeleider controleert ze.',
				targetInDays: 21,
				status: 'active',
				workProcessIds: ['B1-K1-W4', 'B1-K2-W1'],
				questions: [{ key: 'q-bekers', text: 'Hoe reken ik uit hoeveel iemand heeft gedronken als de bekers verschillend zijn?' }]
			}
		],
		choices: [
			{ key: 'c-r1', item: 'r1-milliliters', week: -3, status: 'done', needsApproval: true, doneDaysAgo: 20, goal: 'g-vochtlijst' },
			{ key: 'c-r2', item: 'r2-vochtlijst', week: -2, status: 'inProgress', needsApproval: true, goal: 'g-vochtlijst' },
			{ key: 'c-dagbesteding', item: 'dagbesteding', week: 1, status: 'planned', needsApproval: true }
		],
		cycles: [
			{
				key: 'cy-r2',
				choice: 'c-r2',
				phase: 'performance',
				forethought: {
					aim: 'De vochtlijst van meneer Bos invullen en goed optellen.',
					ratingNow: 4,
					ratingTarget: 7,
					strategy: 'Met mijn kaartje van stap 1 werken.',
					timeEstimate: 45,
					needFromCoach: 'Uitleg als ik vastloop.'
				},
				performance: [
					{ daysAgo: 19, time: '13:15', minutes: 20, note: 'Lijst van meneer Bos ingevuld tot 12 uur.' },
					{ daysAgo: 15, time: '13:40', minutes: 15, note: 'Optellen lukt niet, de bekers zijn verschillend.', helpAsked: true },
					{ daysAgo: 12, time: '14:05', minutes: 10, note: 'Samen met Bram geoefend. Nog niet af.' }
				]
			}
		],
		evidence: [
			{
				key: 'e-kaartje',
				title: 'Mijn kaartje met bekers',
				body: 'Koffiekop: 125 ml. Glas: 200 ml. Beker De Linde: 150 ml. Schaaltje vla: 100 ml.',
				items: ['r1-milliliters'],
				workProcessIds: ['B1-K1-W4'],
				visibility: 'coach'
			}
		],
		ratings: [{ item: 'r1-milliliters', stars: 4, comment: 'Het kaartje met bekers is handig op stage.' }]
	},

	// Fatima, 20 — a difficult home situation; writes on the bus.
	{
		username: 'student6',
		intake: {
			completedDaysAgo: 16,
			priorEducation: 'Eén jaar mbo Retail (niveau 2). Daarna overgestapt naar de zorg.',
			workExperience: 'Ik werk vier avonden per week in een supermarkt.',
			placementExperience: 'Stage bij Thuiszorg Het Anker (demo), huishoudelijke ondersteuning.',
			interests: 'Mode, mijn familie, mensen helpen die het moeilijk hebben.',
			ambitionKind: 'diploma',
			ambitions: 'Mijn diploma halen en een vaste baan in de thuiszorg.',
			helpsMeLearn: 'Opdrachten die ik ook op mijn telefoon kan doen, bijvoorbeeld in de bus.',
			needsDidactic: 'Ik heb baat bij flexibiliteit in tempo en opdrachten die ik onderweg kan doen.',
			needsPedagogical: 'Begrip als het thuis even niet gaat, en afspraken die ik kan nakomen.',
			confidence: 6,
			supportDutch: false,
			supportMaths: false,
			privateNote:
				'Alleen voor mijn coach: thuis is het nu onrustig. Ik werk vier avonden per week om mijn moeder te helpen met de huur. Daardoor ben ik soms te moe voor het eerste uur, of mis ik een ochtend. Ik wil dit niet in de klas bespreken.'
		},
		goals: [
			{
				key: 'g-planning',
				title: 'Ik houd mijn planning bij, ook als ik een dag mis',
				why: 'Als ik een dag mis, raak ik het overzicht kwijt. Dan wordt het steeds meer.',
				successCriteria: 'Elke zondag staat mijn week in de app. Als ik iets mis, plan ik het binnen twee dagen opnieuw in.',
				targetInDays: 30,
				status: 'active'
			},
			{
				key: 'g-huishouden',
				title: 'Ik kan een ochtend huishoudelijke taken zelf plannen',
				why: 'Dat doe ik op mijn stage bij Het Anker. Ik wil weten wat voorgaat.',
				successCriteria: 'Mijn planning past in 2,5 uur en mijn werkbegeleider vindt hem haalbaar.',
				targetInDays: 14,
				status: 'active',
				workProcessIds: ['B1-K1-W2'],
				questions: [{ key: 'q-voorrang', text: 'Hoe weet ik welke taken voorgaan als ik niet alles af krijg bij een cliënt?' }]
			}
		],
		choices: [
			{ key: 'c-zelfredzaamheid', item: 'zelfredzaamheid', week: -2, status: 'done', doneDaysAgo: 8 },
			{ key: 'c-huishouden', item: 'huishouden', week: 0, status: 'inProgress', goal: 'g-huishouden' },
			{ key: 'c-feitmening', item: 'feitmening', week: 1, status: 'planned' }
		],
		cycles: [
			{
				key: 'cy-huishouden',
				choice: 'c-huishouden',
				phase: 'performance',
				forethought: {
					aim: 'Een planning maken voor mevrouw De Wit die in 2,5 uur past.',
					ratingNow: 5,
					ratingTarget: 7,
					strategy: 'In de bus de casus lezen en na mijn werk het schema maken.',
					timeEstimate: 60
				},
				performance: [
					{ daysAgo: 6, time: '07:40', minutes: 20, note: 'In de bus de casus gelezen.' },
					{ daysAgo: 3, time: '22:50', minutes: 25, note: 'Schema gemaakt na mijn werk. Nog niet klaar met wat mevrouw zelf kan.' },
					{ daysAgo: 1, time: '07:35', minutes: 15, note: 'In de bus aangevuld wat mevrouw zelf kan doen.' }
				]
			},
			{
				key: 'cy-planning',
				goal: 'g-planning',
				phase: 'forethought',
				forethought: {
					aim: 'Elke zondag mijn week plannen in de app.',
					ratingNow: 6,
					ratingTarget: 8,
					strategy: 'Zondagavond na het eten tien minuten plannen. Herinnering in mijn telefoon.',
					timeEstimate: 10
				}
			}
		],
		evidence: [
			{
				key: 'e-planning',
				title: 'Weekplanning huishoudelijke taken (mevrouw De Wit)',
				body: [
					'| tijd | taak | wat mevrouw zelf doet |',
					'|---|---|---|',
					'| 9.00 | koffie en bespreken wat vandaag moet | zet zelf koffie |',
					'| 9.15 | bed verschonen | kussenslopen |',
					'| 9.45 | badkamer schoonmaken | — |',
					'| 10.30 | boodschappenlijst maken | bedenkt wat ze nodig heeft |',
					'| 11.00 | stofzuigen woonkamer | — |'
				].join('\n'),
				goals: ['g-huishouden'],
				items: ['huishouden'],
				workProcessIds: ['B1-K1-W2'],
				visibility: 'coach'
			},
			{
				key: 'e-prive',
				title: 'Wat ik moeilijk vind deze week',
				body: 'Dit is alleen voor mij. Ik ben moe en ik heb het gevoel dat ik achterloop. Maar ik heb wel elke dag iets gedaan, ook in de bus. Volgende week vraag ik of ik de toets later mag maken.',
				visibility: 'private'
			}
		],
		ratings: [{ item: 'zelfredzaamheid', stars: 4, comment: 'Kon ik goed op mijn telefoon doen.' }]
	},

	// Classmates, lighter.
	{
		username: 'student7',
		intake: {
			completedDaysAgo: 18,
			interests: 'Kinderen, dansen.',
			ambitionKind: 'diploma',
			helpsMeLearn: 'Voorbeelden en samenwerken.',
			confidence: 6
		},
		goals: [
			{
				key: 'g-rapport',
				title: 'Ik schrijf een rapportage die mijn werkbegeleider goedkeurt',
				why: 'Op stage moet ik elke dag rapporteren.',
				status: 'active',
				targetInDays: 10,
				workProcessIds: ['B1-K2-W1']
			}
		],
		choices: [{ key: 'c-rapporteren', item: 'rapporteren', week: -1, status: 'done', doneDaysAgo: 2, goal: 'g-rapport' }],
		cycles: [
			{
				key: 'cy-rapporteren',
				choice: 'c-rapporteren',
				phase: 'reflection',
				forethought: { aim: 'Een rapportage met alleen feiten.', ratingNow: 5, ratingTarget: 7, timeEstimate: 45 },
				performance: [{ daysAgo: 4, time: '10:45', minutes: 45, note: 'Rapportage geschreven en laten lezen door Sanne.' }],
				reflection: { howItWent: 'Ging redelijk. Ik schreef nog twee keer "ik denk".', ratingAfter: 7 }
			}
		],
		evidence: [],
		ratings: [{ item: 'rapporteren', stars: 4 }]
	},
	{
		username: 'student8',
		intake: {
			completedDaysAgo: 17,
			interests: 'Auto’s, gamen.',
			ambitionKind: 'job',
			helpsMeLearn: 'Oefenen met echte voorbeelden.',
			confidence: 6,
			supportMaths: true
		},
		goals: [
			{
				key: 'g-vochtlijst',
				title: 'Ik reken een vochtlijst uit zonder fouten',
				status: 'active',
				targetInDays: 14,
				workProcessIds: ['B1-K1-W4']
			}
		],
		choices: [
			{ key: 'c-r1', item: 'r1-milliliters', week: -1, status: 'done', doneDaysAgo: 5, goal: 'g-vochtlijst' },
			{ key: 'c-r2', item: 'r2-vochtlijst', week: 0, status: 'planned', goal: 'g-vochtlijst' }
		],
		cycles: [
			{
				key: 'cy-r2',
				choice: 'c-r2',
				phase: 'forethought',
				forethought: { aim: 'De vochtlijst van meneer Bos goed optellen.', ratingNow: 5, ratingTarget: 8, strategy: 'Eerst alles omrekenen naar ml.', timeEstimate: 45 }
			}
		],
		evidence: [],
		ratings: [{ item: 'r1-milliliters', stars: 3, comment: 'Makkelijk, maar het kaartje is handig.' }]
	},
	{
		username: 'student9',
		intake: {
			completedDaysAgo: 16,
			interests: 'Paarden, tekenen.',
			ambitionKind: 'unsure',
			helpsMeLearn: 'Rustig kunnen werken. Weten wat er van mij verwacht wordt.',
			needsPedagogical: 'Ik heb baat bij aanmoediging en bij een vaste persoon om iets aan te vragen.',
			confidence: 4
		},
		goals: [
			{
				key: 'g-hulpvragen',
				title: 'Ik durf op stage om hulp te vragen',
				why: 'Ik blijf vaak te lang zelf zoeken.',
				successCriteria: 'Ik vraag elke stagedag minstens één keer iets aan mijn werkbegeleider.',
				status: 'active',
				targetInDays: 21,
				workProcessIds: ['B1-K2-W2']
			}
		],
		choices: [{ key: 'c-wassen', item: 'wassen', week: 0, status: 'inProgress', needsApproval: true, goal: 'g-hulpvragen' }],
		cycles: [
			{
				key: 'cy-wassen',
				choice: 'c-wassen',
				phase: 'performance',
				forethought: { aim: 'Het stappenplan wassen oefenen en één vraag stellen.', ratingNow: 4, ratingTarget: 6, timeEstimate: 45 },
				performance: [{ daysAgo: 2, time: '10:00', minutes: 40, note: 'Geoefend met Emma. Ik heb de docent gevraagd hoe je het washandje vouwt.', helpAsked: true }]
			}
		],
		evidence: [],
		ratings: []
	},
	{
		username: 'student10',
		intake: { completedDaysAgo: 15, interests: 'Muziek maken, koken.', ambitionKind: 'job', confidence: 5, supportMaths: true },
		goals: [{ key: 'g-toedienlijst', title: 'Ik kan een toedienlijst lezen', status: 'draft', workProcessIds: ['B1-K1-W4'] }],
		choices: [{ key: 'c-r1', item: 'r1-milliliters', week: 0, status: 'planned', needsApproval: true, goal: 'g-toedienlijst' }],
		cycles: [],
		evidence: [],
		ratings: []
	},
	{
		username: 'student11',
		intake: {
			completedDaysAgo: 15,
			interests: 'Knutselen, mijn familie.',
			ambitionKind: 'diploma',
			helpsMeLearn: 'Als iemand zegt wat goed gaat.',
			confidence: 5
		},
		goals: [
			{
				key: 'g-activiteit',
				title: 'Ik bedenk een activiteit voor de bewoners en voer hem uit',
				why: 'Ik vind knutselen leuk en de bewoners op mijn afdeling vervelen zich.',
				status: 'active',
				targetInDays: 20,
				workProcessIds: ['B1-K1-W3']
			}
		],
		choices: [{ key: 'c-dagbesteding', item: 'dagbesteding', week: 1, status: 'planned', goal: 'g-activiteit' }],
		cycles: [],
		evidence: [],
		ratings: []
	},
	{
		username: 'student12',
		intake: { completedDaysAgo: 14, interests: 'Voetbal, koken.', ambitionKind: 'job', confidence: 7 },
		goals: [
			{
				key: 'g-hygiene',
				title: 'Ik werk hygiënisch volgens het protocol',
				status: 'achieved',
				workProcessIds: ['P1-K1-W1']
			}
		],
		choices: [{ key: 'c-handen', item: 'handen', week: -1, status: 'done', doneDaysAgo: 4, goal: 'g-hygiene' }],
		cycles: [],
		evidence: [],
		ratings: [{ item: 'handen', stars: 5, comment: 'Met de UV-lamp zie je echt wat je mist.' }]
	}
];

// ---------------------------------------------------------------------------------------------
// What coaches write about students: feedback threads, check-ins, needs

export interface DemoFeedback {
	key: string;
	by: CoachName;
	student: string;
	target: { entity: 'goal' | 'question' | 'cycle' | 'choice' | 'evidence'; key: string };
	kind: 'feedback' | 'feedforward' | 'approval';
	focus?: Focus;
	body: string;
	/** The student's answers in the thread. */
	replies?: { key: string; body: string }[];
}

export const demoFeedback: DemoFeedback[] = [
	{
		key: 'daan-ervaring-fb',
		by: 'coach1',
		student: 'student1',
		target: { entity: 'goal', key: 'g-ervaring' },
		kind: 'feedback',
		focus: 'task',
		body: 'Goed dat je je ervaring uit de thuiszorg laat zien, Daan. Je bewijsstuk over de steunkousen is concreet: je beschrijft wat je doet én waar je op let bij de huid.'
	},
	{
		key: 'daan-ervaring-ff',
		by: 'coach1',
		student: 'student1',
		target: { entity: 'goal', key: 'g-ervaring' },
		kind: 'feedforward',
		focus: 'process',
		body: 'Volgende stap: laat je werkbegeleider bij Het Anker op de observatielijst aftekenen wat je al beheerst. Die onderdelen mag je overslaan, dan houd je meer tijd over voor de echte opdracht.',
		replies: [{ key: 'daan-reply', body: 'Top, ik vraag het donderdag aan mijn werkbegeleider. Mag ik bij de volgende theorieopdracht ook eerst een korte toets doen, in plaats van alles te lezen?' }]
	},
	{
		key: 'lotte-huid-ff',
		by: 'coach1',
		student: 'student2',
		target: { entity: 'question', key: 'q-huid' },
		kind: 'feedforward',
		focus: 'selfRegulation',
		body: 'Sterke vraag, Lotte: je zegt precies wat je wilt weten en waarom je het wilt weten. Een vraag terug: wat denk jij zelf dat drinken met de huid te maken heeft? Schrijf eerst je eigen antwoord op, zoek het daarna op, en vergelijk.',
		replies: [
			{
				key: 'lotte-reply',
				body: 'Ik denk dat een droge huid minder stevig is en sneller kapotgaat als er druk op komt. Maar een te natte huid is ook slecht, dus het gaat misschien om het evenwicht? Ik zoek het op en zet het op mijn kaart.'
			}
		]
	},
	{
		key: 'lotte-rapport-fb',
		by: 'coach2',
		student: 'student2',
		target: { entity: 'evidence', key: 'e-rapportage' },
		kind: 'feedback',
		focus: 'task',
		body: 'Je tweede versie laat precies zien wat er gebeurde. Een collega die er niet bij was, weet nu wat ze moet doen. Zo wil ik het op stage ook zien.'
	},
	{
		key: 'samira-woorden-ok',
		by: 'coach1',
		student: 'student3',
		target: { entity: 'choice', key: 'c-woorden' },
		kind: 'approval',
		body: 'Goed plan, Samira. Je mag beginnen met de woordenlijst.'
	},
	{
		key: 'samira-handen-fb',
		by: 'coach1',
		student: 'student3',
		target: { entity: 'cycle', key: 'cy-handen' },
		kind: 'feedback',
		focus: 'selfRegulation',
		body: 'Samira, je gaf jezelf een 4. Ik geef een 6. Je hebt twee keer geoefend, je vroeg om hulp en de tweede keer waren je handen schoon. Dat is precies hoe je leert. Je bent niet langzaam: je bent zorgvuldig.',
		replies: [{ key: 'samira-reply', body: 'Dank u. Ik vind het nog spannend, maar ik ga door.' }]
	},
	{
		key: 'kevin-aankleden-fb',
		by: 'coach1',
		student: 'student4',
		target: { entity: 'cycle', key: 'cy-aankleden' },
		kind: 'feedback',
		focus: 'task',
		body: 'Je werkte snel en netjes. Ik zag wel dat je de cliënt niet vroeg wat hij zelf wilde doen, en de observator moest je daar twee keer aan herinneren. Daarom geef ik een 7 en geen 9.'
	},
	{
		key: 'kevin-aankleden-ff',
		by: 'coach1',
		student: 'student4',
		target: { entity: 'cycle', key: 'cy-aankleden' },
		kind: 'feedforward',
		focus: 'selfRegulation',
		body: 'Vraag bij je volgende opdracht eerst je werkbegeleider om feedback, voordat je jezelf een cijfer geeft. Vergelijk dan: waar verschillen jullie, en waarom?',
		replies: [{ key: 'kevin-reply', body: 'Oké. Ik dacht dat het goed ging omdat ik snel klaar was. Ik ga het bij het zorgplan eerst vragen.' }]
	},
	{
		key: 'noah-vochtlijst-ff',
		by: 'coach2',
		student: 'student5',
		target: { entity: 'goal', key: 'g-vochtlijst' },
		kind: 'feedforward',
		focus: 'process',
		body: 'Noah, op stage zie ik dat je goed met de bewoners omgaat: ze kennen je naam. Voor je vochtlijst: leg je kaartje met bekers uit stap 1 ernaast. Reken eerst elke beker om naar ml en tel dan pas op.'
	},
	{
		key: 'fatima-planning-fb',
		by: 'coach1',
		student: 'student6',
		target: { entity: 'goal', key: 'g-planning' },
		kind: 'feedback',
		focus: 'selfRegulation',
		body: 'Je houdt je planning bij, ook op dagen dat je er niet bent. Ik zie dat je in de bus en ’s avonds werkt. Knap hoe je dat volhoudt.',
		replies: [{ key: 'fatima-reply', body: 'Dank je. In de bus lukt het beter dan thuis.' }]
	},
	{
		key: 'emma-reflectie-ff',
		by: 'coach2',
		student: 'student7',
		target: { entity: 'cycle', key: 'cy-rapporteren' },
		kind: 'feedforward',
		focus: 'selfRegulation',
		body: 'Mooi dat je ziet wat je anders wilt doen. Maak je volgende stap nog concreet: wat ga je precies doen, en wanneer?'
	}
];

export interface DemoCheckIn {
	key: string;
	by: CoachName;
	student: string;
	daysAgo: number;
	notes: string;
	agreedActions: string[];
}

export const demoCheckIns: DemoCheckIn[] = [
	{
		key: 'daan-1',
		by: 'coach2',
		student: 'student1',
		daysAgo: 10,
		notes: 'Bezoek bij Het Anker. De werkbegeleider is erg tevreden. Daan beheerst de basis van de persoonlijke verzorging; we kijken welke onderdelen hij op basis van bewijs kan aftekenen.',
		agreedActions: [
			'Daan levert twee bewijsstukken uit zijn werk in voor de observatielijst verzorging.',
			'Ahmed overlegt met Marieke of Daan theorie kan laten zien met een korte toets, in plaats van alles te lezen.'
		]
	},
	{
		key: 'lotte-1',
		by: 'coach1',
		student: 'student2',
		daysAgo: 13,
		notes: 'Lotte stelt veel goede vragen en wil steeds het waarom weten. Ze wil deze periode verdieping kiezen.',
		agreedActions: ['Lotte kiest deze periode twee verdiepingsopdrachten.', 'Lotte schrijft haar vragen eerst zelf uit; Marieke stelt er een vraag terug.']
	},
	{
		key: 'samira-1',
		by: 'coach1',
		student: 'student3',
		daysAgo: 6,
		notes: 'Samira heeft de herhaling handhygiëne afgerond. Ze gaf zichzelf een 4, haar werk was beter dan dat. Praten met bewoners vindt ze nog spannend, vooral omdat ze niet alle woorden kent.',
		agreedActions: [
			'Samira voert elke stage-ochtend één kort gesprek met een bewoner.',
			'Samira begint met de woordenlijst; Marieke kijkt haar zinnen na.',
			'Volgend gesprek over twee weken.'
		]
	},
	{
		key: 'kevin-1',
		by: 'coach1',
		student: 'student4',
		daysAgo: 9,
		notes: 'Kevin is ver vooruit en wil vóór de kerst klaar zijn met periode 2. Gesprek over zijn zelfbeoordeling: hij gaf zichzelf een 9, ik zag een 7.',
		agreedActions: [
			'Kevin vraagt na elke praktijkopdracht eerst feedback van zijn werkbegeleider, en geeft zichzelf daarna een cijfer.',
			'Marieke zoekt uit welke opdrachten van niveau 3 Kevin nu al mag doen.'
		]
	},
	{
		key: 'noah-1',
		by: 'coach2',
		student: 'student5',
		daysAgo: 15,
		notes: 'Bezoek op De Linde. Noah doet het goed bij de maaltijden en de bewoners kennen hem. Het rekenen op de vochtlijst vindt hij lastig, en hij stelt het uit.',
		agreedActions: [
			'Noah logt elke keer dat hij aan stap 2 werkt, ook als het maar tien minuten is.',
			'Ahmed vraagt de werkbegeleider om één vochtlijst per dienst samen met Noah na te lopen.'
		]
	},
	{
		key: 'fatima-1',
		by: 'coach1',
		student: 'student6',
		daysAgo: 3,
		notes: 'Fatima mist soms een ochtend door haar werk en de situatie thuis (zie haar intake). Ze houdt haar planning goed bij op haar telefoon.',
		agreedActions: [
			'Als Fatima een les mist, stuurt ze dezelfde dag een bericht en plant ze de opdracht op een ander moment.',
			'Inleverdata van Fatima mogen een week schuiven, in overleg.'
		]
	},
	{
		key: 'sanne-1',
		by: 'coach1',
		student: 'student9',
		daysAgo: 8,
		notes: 'Sanne zegt weinig in de klas, maar op stage gaat het goed volgens haar werkbegeleider.',
		agreedActions: ['Sanne stelt elke stagedag één vraag aan haar werkbegeleider en schrijft die op in haar log.']
	}
];

export interface DemoNeed {
	key: string;
	by: CoachName;
	kind: EntityData['need']['kind'];
	category: string;
	students: string[];
	reasons: string;
	approach?: string;
	evaluateInDays: number;
	phase: EntityData['need']['phase'];
}

export const demoNeeds: DemoNeed[] = [
	{
		key: 'zelfvertrouwen',
		by: 'coach1',
		kind: 'pedagogical',
		category: 'Meer zelfvertrouwen',
		students: ['student3', 'student9', 'student11'],
		reasons:
			'Uit de intakes: alle drie geven zichzelf een 4 of 5 voor vertrouwen en schrijven dat het helpt als iemand zegt wat al goed gaat. Samira schat haar eigen werk lager in dan wij (zelf 4, coach 6).',
		approach:
			'Elke week een kort gesprek (5 minuten) waarin de student zelf vertelt wat goed ging. Feedback begint met wat al lukt. Kleine stappen op het bord; opdrachten op het niveau Ondersteuning mogen altijd. Op stage vraagt Ahmed de werkbegeleiders om elke dag één concreet compliment.',
		evaluateInDays: 14,
		phase: 'approach'
	},
	{
		key: 'rekenen',
		by: 'coach2',
		kind: 'didactic',
		category: 'Rekenvaardigheid in de zorg',
		students: ['student5', 'student8', 'student10'],
		reasons:
			'Noah en Jayden vroegen in de intake om hulp bij rekenen. Bram maakte op stage fouten op de vochtlijst. Alle drie lopen vast bij omrekenen tussen bekers en milliliters.',
		approach: 'Nog te bepalen. Eerst uitzoeken waar het precies misgaat: een korte instaptoets met zorgsommen, en bespreken met de rekendocent.',
		evaluateInDays: 21,
		phase: 'analyse'
	}
];
