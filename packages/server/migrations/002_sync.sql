-- 002: sync. Every branch gets an epoch (a new one after a restore: clients reset) and a version
-- bumped once per push; every record row the version of the push that last wrote it (`row_version`); deletes
-- leave a tombstone with theirs. Client groups belong to one member of one branch; each client's
-- last mutation id is committed with its mutation's effects; every mutation's result is logged.

ALTER TABLE branches
  ADD COLUMN epoch text NOT NULL DEFAULT gen_random_uuid()::text,
  ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- Records written before sync existed: version 1, so a first pull (from version 0) gets them.
ALTER TABLE rulebook_versions ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE drafts ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE members ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE call_logs ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE call_log_history ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE periods ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE changes ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
UPDATE branches SET version = 1;

ALTER TABLE rulebook_versions ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE drafts ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE teams ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE members ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE call_logs ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE call_log_history ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE events ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE periods ALTER COLUMN row_version DROP DEFAULT;
ALTER TABLE changes ALTER COLUMN row_version DROP DEFAULT;

CREATE INDEX rulebook_versions_by_version ON rulebook_versions (branch_id, row_version);
CREATE INDEX drafts_by_version ON drafts (branch_id, row_version);
CREATE INDEX teams_by_version ON teams (branch_id, row_version);
CREATE INDEX members_by_version ON members (branch_id, row_version);
CREATE INDEX call_logs_by_version ON call_logs (branch_id, row_version);
CREATE INDEX call_log_history_by_version ON call_log_history (branch_id, row_version);
CREATE INDEX events_by_version ON events (branch_id, row_version);
CREATE INDEX periods_by_version ON periods (branch_id, row_version);
CREATE INDEX changes_by_version ON changes (branch_id, row_version);

CREATE TABLE tombstones (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  kind text COLLATE "C" NOT NULL,
  -- JSON of the record key: "log-1", ["default",2]
  key text COLLATE "C" NOT NULL,
  -- the consultant (call logs, history, events) or editor (drafts) the record belonged to
  owner text COLLATE "C",
  version bigint NOT NULL,
  PRIMARY KEY (branch_id, kind, key)
);
CREATE INDEX tombstones_by_version ON tombstones (branch_id, version);

CREATE TABLE client_groups (
  id text COLLATE "C" PRIMARY KEY,
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  member_id text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clients (
  client_group_id text COLLATE "C" NOT NULL REFERENCES client_groups (id),
  id text COLLATE "C" NOT NULL,
  last_mutation_id bigint NOT NULL,
  -- the branch version at which last_mutation_id last changed
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_group_id, id)
);
CREATE INDEX clients_by_version ON clients (client_group_id, version);

CREATE TABLE mutations (
  client_group_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  id bigint NOT NULL,
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  name text NOT NULL,
  -- applied | conflict | rejected
  status text NOT NULL,
  -- the result sent back (code, field reasons, the server's row), replayed for a repeated push
  result json NOT NULL,
  version bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_group_id, client_id, id),
  FOREIGN KEY (client_group_id, client_id) REFERENCES clients (client_group_id, id)
);
