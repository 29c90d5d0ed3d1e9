import { api, ApiError } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { exportFileName, exportStudentData } from '$lib/server/student/export.service';

/** "Download all my data": the signed-in student's own data as a JSON file (403 for coaches and admins). */
export const GET = api(async ({ locals }) => {
	const user = locals.user;
	if (!user) throw new ApiError(401, 'not_signed_in');
	const data = await exportStudentData(database().db, user);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(user.username)}"`,
			'cache-control': 'private, no-store'
		}
	});
});
