CREATE TABLE "student_facts" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"changes" integer DEFAULT 0 NOT NULL,
	"facts_changes" integer,
	"computed_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"waiting_questions" integer DEFAULT 0 NOT NULL,
	"pace" jsonb,
	"card" jsonb,
	CONSTRAINT "student_facts_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "student_facts" ADD CONSTRAINT "student_facts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_facts" ADD CONSTRAINT "student_facts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_facts" ADD CONSTRAINT "student_facts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "student_facts_school_idx" ON "student_facts" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "student_facts_user_idx" ON "student_facts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "student_facts_stale_idx" ON "student_facts" USING btree ("school_id") WHERE facts_changes is distinct from changes;--> statement-breakpoint
-- Every statement that writes records marks the facts of the students it concerns as changed: the
-- owners of the rows, and for boards every student of the boards' groups (before and after). One
-- statement-level trigger per kind of write, whatever the number of rows (a sync batch is one
-- INSERT ... ON CONFLICT DO UPDATE). A row is made for each current membership, so a refresh that
-- raced a write can never land on a row it did not see (see student_facts in schema.ts).
CREATE FUNCTION "student_facts_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		WITH touched AS (
			SELECT owner_id AS user_id, NULL::uuid AS group_id FROM facts_new WHERE owner_id IS NOT NULL
			UNION SELECT NULL, unnest(group_ids) FROM facts_new WHERE entity = 'board'
			UNION SELECT NULL, unnest(group_ids) FROM facts_old WHERE entity = 'board'
		)
		INSERT INTO student_facts (group_id, user_id, school_id, changes)
		SELECT m.group_id, m.user_id, m.school_id, 1 FROM memberships m
		WHERE m.role = 'student' AND (m.user_id IN (SELECT user_id FROM touched) OR m.group_id IN (SELECT group_id FROM touched))
		ON CONFLICT (group_id, user_id) DO UPDATE SET changes = student_facts.changes + 1;
	ELSIF TG_OP = 'INSERT' THEN
		WITH touched AS (
			SELECT owner_id AS user_id, NULL::uuid AS group_id FROM facts_new WHERE owner_id IS NOT NULL
			UNION SELECT NULL, unnest(group_ids) FROM facts_new WHERE entity = 'board'
		)
		INSERT INTO student_facts (group_id, user_id, school_id, changes)
		SELECT m.group_id, m.user_id, m.school_id, 1 FROM memberships m
		WHERE m.role = 'student' AND (m.user_id IN (SELECT user_id FROM touched) OR m.group_id IN (SELECT group_id FROM touched))
		ON CONFLICT (group_id, user_id) DO UPDATE SET changes = student_facts.changes + 1;
	ELSE
		WITH touched AS (
			SELECT owner_id AS user_id, NULL::uuid AS group_id FROM facts_old WHERE owner_id IS NOT NULL
			UNION SELECT NULL, unnest(group_ids) FROM facts_old WHERE entity = 'board'
		)
		UPDATE student_facts SET changes = changes + 1
		WHERE user_id IN (SELECT user_id FROM touched) OR group_id IN (SELECT group_id FROM touched);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "records_facts_insert" AFTER INSERT ON "records" REFERENCING NEW TABLE AS facts_new FOR EACH STATEMENT EXECUTE FUNCTION student_facts_touch();
--> statement-breakpoint
CREATE TRIGGER "records_facts_update" AFTER UPDATE ON "records" REFERENCING OLD TABLE AS facts_old NEW TABLE AS facts_new FOR EACH STATEMENT EXECUTE FUNCTION student_facts_touch();
--> statement-breakpoint
CREATE TRIGGER "records_facts_delete" AFTER DELETE ON "records" REFERENCING OLD TABLE AS facts_old FOR EACH STATEMENT EXECUTE FUNCTION student_facts_touch();
--> statement-breakpoint
-- A student who leaves a group takes that group's facts along: should they come back, their facts
-- are computed anew instead of trusted from before.
CREATE FUNCTION "student_facts_forget"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM student_facts f USING facts_gone g WHERE f.group_id = g.group_id AND f.user_id = g.user_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "memberships_facts_delete" AFTER DELETE ON "memberships" REFERENCING OLD TABLE AS facts_gone FOR EACH STATEMENT EXECUTE FUNCTION student_facts_forget();
