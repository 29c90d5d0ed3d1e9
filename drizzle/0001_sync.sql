CREATE SEQUENCE "public"."rev_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "applied_ops" (
	"op_id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"rev" bigint NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "record_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"school_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"rev" bigint NOT NULL,
	"deleted" boolean NOT NULL,
	"data" jsonb,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_by" uuid NOT NULL,
	"replaced_by_op" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"school_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"owner_id" uuid,
	"author_id" uuid NOT NULL,
	"parent_id" uuid,
	"group_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"rev" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applied_ops" ADD CONSTRAINT "applied_ops_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_history" ADD CONSTRAINT "record_history_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applied_ops_school_idx" ON "applied_ops" USING btree ("school_id","applied_at");--> statement-breakpoint
CREATE INDEX "record_history_record_idx" ON "record_history" USING btree ("record_id","rev");--> statement-breakpoint
CREATE INDEX "records_school_rev_idx" ON "records" USING btree ("school_id","rev");--> statement-breakpoint
CREATE INDEX "records_owner_rev_idx" ON "records" USING btree ("owner_id","rev");--> statement-breakpoint
CREATE INDEX "records_school_entity_idx" ON "records" USING btree ("school_id","entity","rev");--> statement-breakpoint
CREATE INDEX "records_parent_idx" ON "records" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "records_group_ids_idx" ON "records" USING gin ("group_ids");