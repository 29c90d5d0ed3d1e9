import { strToU8, zipSync } from 'fflate';
import { page, type BodyContext, type Entry } from './matrix';

/**
 * A OneRoster set as the page keeps it between preview and import: one zip, base64, in the `bundle`
 * field (the matrix posts forms without files). One person and one class, no enrollments: the seeded
 * memberships stay as they are.
 */
function bundle(person: { sourcedId: string; username: string; name: string }, classTitle: string): string {
	const files = {
		'manifest.csv': 'propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.users,bulk\nfile.classes,bulk\nfile.enrollments,bulk\n',
		'users.csv': `sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,role\n${person.sourcedId},,,true,${person.username},${person.name},Test,student\n`,
		'classes.csv': `sourcedId,status,dateLastModified,title\ncls-${person.sourcedId},,,${classTitle}\n`,
		'enrollments.csv': 'sourcedId,status,dateLastModified,classSourcedId,userSourcedId,role\n'
	};
	const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)])));
	return Buffer.from(zip).toString('base64');
}

const ownSet = (c: BodyContext) => ({ bundle: bundle({ sourcedId: `sis-${c.mark}`, username: c.mark, name: `Naam ${c.mark}` }, `Klas ${c.mark}`) });

/**
 * A school B student's username in school A's set: refused, nothing written. The username also goes
 * in plain text (`about`), since the zip hides it from the leak check and the refusal names it back.
 */
const otherSchoolSet = (c: BodyContext) => {
	const username = c.w.b.people.student.username;
	return { bundle: bundle({ sourcedId: `sis-${c.mark}`, username, name: `Naam ${c.mark}` }, `Klas ${c.mark}`), about: username };
};

/** OneRoster 1.2 import: the admin's import pages. Called once matrix.ts has defined its building blocks. */
export function onerosterEntries(): Entry[] {
	return [
		page('/admin/import/oneroster', 'admin'),
		{
			op: 'POST /admin/import/oneroster?/preview',
			note: 'A preview writes nothing (`refused`: its mark must reach no table); a school B username is refused.',
			probe: ownSet,
			cells: [
				{ actor: 'admin', variant: 'a new student and class', body: ownSet, expect: { status: 200, showsMark: true }, refused: true },
				{ actor: 'admin', target: 'otherSchool', variant: "a school B student's username", body: otherSchoolSet, expect: { status: 400 } }
			]
		},
		{
			op: 'POST /admin/import/oneroster?/apply',
			probe: ownSet,
			cells: [
				{ actor: 'admin', variant: 'a new student and class', body: ownSet, expect: { status: 200, showsMark: true }, stores: true },
				{ actor: 'admin', target: 'otherSchool', variant: "a school B student's username", body: otherSchoolSet, expect: { status: 400 } }
			]
		}
	];
}
