-- 001: the store's records, one table per record kind, every row keyed by its branch (a clinic's
-- department: the tenant). `data` is the record exactly as the store wrote it (json, not jsonb:
-- key order is kept, so a frozen month's scorecards come back in the order they were frozen);
-- the other columns are its primary key and the index keys the StoreAdapter reads by.
-- Text keys compare bytewise (COLLATE "C"), as IndexedDB compares keys.

CREATE TABLE branches (
  id text COLLATE "C" PRIMARY KEY,
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rulebook_versions (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  rulebook_id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (branch_id, rulebook_id, version)
);

CREATE TABLE drafts (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  rulebook_id text COLLATE "C" NOT NULL,
  editor text COLLATE "C" NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (branch_id, rulebook_id, editor)
);

CREATE TABLE teams (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (branch_id, id)
);

CREATE TABLE members (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  team_id text COLLATE "C" NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX members_by_team ON members (branch_id, team_id, id);

CREATE TABLE call_logs (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  consultant text COLLATE "C" NOT NULL,
  date text COLLATE "C" NOT NULL,
  follow_up_due_at text COLLATE "C",
  data json NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX call_logs_by_consultant_date ON call_logs (branch_id, consultant, date, id);
CREATE INDEX call_logs_by_follow_up_due ON call_logs (branch_id, follow_up_due_at, id) WHERE follow_up_due_at IS NOT NULL;

CREATE TABLE call_log_history (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  log_id text COLLATE "C" NOT NULL,
  -- the log's consultant: who may read this history
  consultant text COLLATE "C",
  data json NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX call_log_history_by_log ON call_log_history (branch_id, log_id, id);

CREATE TABLE events (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  consultant text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX events_by_consultant_day ON events (branch_id, consultant, day, id);

CREATE TABLE periods (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  month text COLLATE "C" NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (branch_id, month)
);

CREATE TABLE changes (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,
  consultant text COLLATE "C",
  data json NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX changes_by_month ON changes (branch_id, month, id);
