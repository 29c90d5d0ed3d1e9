import { api, ApiError } from '$lib/server/http/api';
import { database } from '$lib/server/db/runtime';
import { exportFileName, exportStudentForAdmin } from '$lib/server/student/export.service';

/** An admin downloads all data of a student of their school (logged for the student); anyone else: 404. */
export const GET = api(async ({ locals, params }) => {
	const user = locals.user;
	if (!user) throw new ApiError(401, 'not_signed_in');
	const data = await exportStudentForAdmin(database().db, user, params.userId!);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(data.user.username)}"`,
			'cache-control': 'private, no-store'
		}
	});
});
