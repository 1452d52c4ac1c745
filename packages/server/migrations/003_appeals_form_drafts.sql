-- 003: the store's appeals (申诉, their own record kind, no longer events) and the call-log form
-- drafts (what a form instance typed and did not save; one per tab, owned by who typed it).

CREATE TABLE appeals (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  consultant text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  data json NOT NULL,
  row_version bigint NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX appeals_by_consultant_day ON appeals (branch_id, consultant, day, id);
CREATE INDEX appeals_by_version ON appeals (branch_id, row_version);

CREATE TABLE form_drafts (
  branch_id text COLLATE "C" NOT NULL REFERENCES branches (id),
  id text COLLATE "C" NOT NULL,
  owner text COLLATE "C" NOT NULL,
  form text COLLATE "C" NOT NULL,
  data json NOT NULL,
  row_version bigint NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX form_drafts_by_owner_form ON form_drafts (branch_id, owner, form, id);
CREATE INDEX form_drafts_by_version ON form_drafts (branch_id, row_version);
