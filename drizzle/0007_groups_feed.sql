-- The change feed (0006) also says when a group was renamed or removed, as `m` (memberships and groups):
-- a kept page that shows the group's name (the group dashboard, src/lib/server/http/page-cache.ts) goes.
CREATE TRIGGER "groups_feed" AFTER UPDATE OR DELETE ON "groups" FOR EACH STATEMENT EXECUTE FUNCTION koers_feed_notify('m');
