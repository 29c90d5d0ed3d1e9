-- The change feed (issue 6): every server process keeps a small picture in memory of what was written
-- where, so that a device's poll that has nothing new is answered without a query. The database says
-- what changed, after commit, on channel `koers_changes`, whoever wrote it (any process, any tool):
--   r <school> <rev> <key> <key> …  records written; keys say whose scope they are in:
--                                   o:<owner>, g:<group>, a:<author> (boards, items, needs), q (qualifications);
--                                   `*` instead of keys when there are too many to list (the whole school)
--   s / u / x                       sessions, users or schools changed: cached sign-ins are dropped
--   m                               memberships changed: cached scopes are dropped
CREATE FUNCTION "koers_feed_records"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
	payload text;
BEGIN
	FOR r IN
		SELECT school_id, max(rev) AS rev, string_agg(DISTINCT k, ' ') AS keys FROM (
			SELECT school_id, rev, 'o:' || owner_id AS k FROM feed_rows WHERE owner_id IS NOT NULL
			UNION ALL SELECT school_id, rev, 'g:' || unnest(group_ids) FROM feed_rows WHERE owner_id IS NULL
			UNION ALL SELECT school_id, rev, 'a:' || author_id FROM feed_rows WHERE owner_id IS NULL AND author_id IS NOT NULL
			UNION ALL SELECT school_id, rev, 'q' FROM feed_rows WHERE owner_id IS NULL AND entity = 'qualification'
		) t GROUP BY school_id
	LOOP
		payload := 'r ' || r.school_id || ' ' || r.rev || ' ' || coalesce(r.keys, '*');
		IF length(payload) > 7000 THEN
			payload := 'r ' || r.school_id || ' ' || r.rev || ' *';
		END IF;
		PERFORM pg_notify('koers_changes', payload);
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "records_feed_insert" AFTER INSERT ON "records" REFERENCING NEW TABLE AS feed_rows FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_records();
--> statement-breakpoint
CREATE TRIGGER "records_feed_update" AFTER UPDATE ON "records" REFERENCING NEW TABLE AS feed_rows FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_records();
--> statement-breakpoint
CREATE FUNCTION "koers_feed_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('koers_changes', TG_ARGV[0]);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "sessions_feed" AFTER UPDATE OR DELETE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_notify('s');
--> statement-breakpoint
CREATE TRIGGER "users_feed" AFTER UPDATE OR DELETE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_notify('u');
--> statement-breakpoint
CREATE TRIGGER "schools_feed" AFTER UPDATE OR DELETE ON "schools" FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_notify('x');
--> statement-breakpoint
CREATE TRIGGER "memberships_feed" AFTER INSERT OR UPDATE OR DELETE ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_notify('m');
