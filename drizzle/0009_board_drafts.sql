-- Boards not published yet (an imported board until the coach publishes it) and their items: students never
-- receive them (sync/changes-since.ts). Existing boards stay published.
ALTER TABLE "records" ADD COLUMN "draft" boolean DEFAULT false NOT NULL;