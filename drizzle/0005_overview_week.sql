ALTER TABLE "student_facts" ADD COLUMN "items_done" integer;--> statement-breakpoint
ALTER TABLE "student_facts" ADD COLUMN "pace_week" text;--> statement-breakpoint
ALTER TABLE "student_facts" ADD COLUMN "behind" boolean;