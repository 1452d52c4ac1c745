-- 004: a narrow copy of each event, written with it: what scoring reads of an event (id, day, type, at,
-- amount, attrs, origin, sourceId) as one JSON array. Scoring a branch-month reads a million events; reading
-- this column instead of `data` sends and parses about a third of the text, with no JSON work in the
-- database (docs/scaling.md). Rows written before this migration get theirs here; the server fills it on
-- every write (records.ts), and reads fall back to `data` where it is missing.

ALTER TABLE events ADD COLUMN scored text;
UPDATE events
   SET scored = json_build_array(id, day, data -> 'type', data -> 'at', data -> 'amount', data -> 'attrs', data -> 'origin', data -> 'sourceId')::text;
