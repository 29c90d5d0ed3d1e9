/** The demo school's people, drawn from PERSONAS.md. student1–6 are the personas; the rest are their classmates. */
export const demoSchoolName = 'ROC De Koers (demo)';
export const demoGroupName = 'Zorg en Welzijn 2A';
export const demoPassword = 'koers-demo';

export const demoStudents: string[] = [
	'Daan Visser',
	'Lotte de Graaf',
	'Samira El Idrissi',
	'Kevin Bakker',
	'Noah Jansen',
	'Fatima Yildiz',
	'Emma de Vries',
	'Bram Mulder',
	'Sanne Smit',
	'Jayden Meijer',
	'Yasmin Amrani',
	'Luuk van Dijk',
	'Julia Bos',
	'Mohammed Ouali',
	'Fleur Hendriks',
	'Milan Dekker',
	'Zoë van Leeuwen',
	'Ilias Benali',
	'Anouk Vermeulen',
	'Tim de Jong',
	'Nina Kramer',
	'Thijs Willems',
	'Sara Öztürk',
	'Ruben Schouten'
];

export const demoStaff = [
	{ username: 'coach1', displayName: 'Marieke van den Berg', role: 'coach' as const },
	{ username: 'coach2', displayName: 'Ahmed Yousfi', role: 'coach' as const },
	{ username: 'admin', displayName: 'Ingrid Hoekstra', role: 'admin' as const }
];

export const demoAccounts = [
	...demoStudents.map((displayName, i) => ({ username: `student${i + 1}`, displayName, role: 'student' as const })),
	...demoStaff
];
