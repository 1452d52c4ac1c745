/**
 * The roster as a table (a CSV file or a spreadsheet's first sheet): what a
 * manager imports at once (`importRoster`, all or nothing) and what
 * `exportRosterCsv` writes (the current roster, which is also the template).
 * Loaded on demand by those two methods.
 *
 * The first row holds the headers, in either language:
 *
 * | column              | zh-CN                   | en                   | cell                                                           |
 * | ------------------- | ----------------------- | -------------------- | -------------------------------------------------------------- |
 * | id (required)       | 工号 (编号)             | id                   | the person's id (as in call logs and events)                   |
 * | name (required)     | 姓名                    | name                 |                                                                |
 * | team (required)     | 小组 (团队)             | team                 | a team's id or name; a new one is created (id = name = cell)   |
 * | role (required)     | 岗位 (角色)             | role                 | 咨询员 / 组长 / 管理者, or consultant / lead / manager        |
 * | joined (required)   | 入职日期                | joined               | `2026-01-05`, `2026/1/5`, `2026年1月5日`                        |
 * | left                | 离职日期                | left                 | the same, or empty                                             |
 * | a pay item          | 薪资:ITEM               | pay:ITEM             | yuan per month (`3500`, `¥1,200.50`), empty: none              |
 * | a target            | 指标:NAME               | target:NAME          | a number (`25`, `30%` is 30), empty: none                      |
 *
 * A row updates the member with its id (or adds one): the columns the file
 * has replace the member's values, pay items and targets the file has no
 * column for are kept. A team whose rows hold exactly one 组长 (lead) gets
 * that member as its lead. Rows left wholly empty are skipped. Errors name
 * the spreadsheet row (the header is row 1) and the column as written.
 *
 * @module
 */
import { isDate } from '@rulecard/dsl/calendar';
import { decimalToHundredths, formatFen } from '@rulecard/dsl/money';
import type { StoreAdapter, WriteOp } from './adapter.js';
import { isRecordId } from './call-log-rules.js';
import { toCsv, type CsvCell } from './csv-core.js';
import { StoreError, type FieldError, type RecordError } from './errors.js';
import { type FieldReason } from './field-reasons.js';
import { setupError, type SetupReason } from './setup-reasons.js';
import { requireManager } from './actor.js';
import { isRosterKey, memberInputErrors, memberRecord, teamRecord } from './roster-writes.js';
import type { Actor, MemberInput, MemberRecord, Role, RosterImportResult, RosterTable, TeamRecord } from './types.js';

type Locale = 'zh-CN' | 'en';
type Column = 'id' | 'name' | 'team' | 'role' | 'joinedOn' | 'leftOn';

/** The fixed columns: their header in each language, and the other spellings an import accepts. */
export const ROSTER_COLUMNS: Record<Column, { 'zh-CN': string; en: string; aliases: string[]; required: boolean }> = {
  id: { 'zh-CN': '工号', en: 'id', aliases: ['编号', '员工编号'], required: true },
  name: { 'zh-CN': '姓名', en: 'name', aliases: [], required: true },
  team: { 'zh-CN': '小组', en: 'team', aliases: ['团队', '组'], required: true },
  role: { 'zh-CN': '岗位', en: 'role', aliases: ['角色'], required: true },
  joinedOn: { 'zh-CN': '入职日期', en: 'joined', aliases: ['joinedOn'], required: true },
  leftOn: { 'zh-CN': '离职日期', en: 'left', aliases: ['leftOn'], required: false },
};
/** Prefixes of the pay-item and target columns (`薪资:bonus`, `pay:bonus`; `：` works too). */
export const PAY_PREFIX = { 'zh-CN': '薪资', en: 'pay' } as const;
export const TARGET_PREFIX = { 'zh-CN': '指标', en: 'target' } as const;

/** The roles as a table writes them. */
export const ROLE_NAMES: Record<Role, { 'zh-CN': string; en: string; aliases: string[] }> = {
  consultant: { 'zh-CN': '咨询员', en: 'consultant', aliases: ['咨询师'] },
  lead: { 'zh-CN': '组长', en: 'lead', aliases: ['负责人'] },
  manager: { 'zh-CN': '管理者', en: 'manager', aliases: ['经理', '主管'] },
};

type HeaderKind = { kind: 'field'; column: Column } | { kind: 'pay' | 'target'; key: string };

const norm = (s: string): string =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** What a header means, or why it means nothing. */
function readHeader(text: string): HeaderKind | FieldReason | SetupReason {
  const h = norm(text);
  for (const [column, c] of Object.entries(ROSTER_COLUMNS) as [Column, (typeof ROSTER_COLUMNS)[Column]][]) {
    if ([c['zh-CN'], c.en, ...c.aliases].some((name) => norm(name) === h)) return { kind: 'field', column };
  }
  const m = /^([^:：]+)[:：]\s*(.+)$/.exec(text.trim());
  if (m) {
    const prefix = norm(m[1]);
    const kind = [PAY_PREFIX['zh-CN'], PAY_PREFIX.en, '薪资项'].includes(prefix)
      ? 'pay'
      : [TARGET_PREFIX['zh-CN'], TARGET_PREFIX.en, 'targets'].includes(prefix)
        ? 'target'
        : undefined;
    if (kind) return isRosterKey(m[2].trim()) ? { kind, key: m[2].trim() } : 'roster-key';
  }
  return 'unknown-column';
}

/** `2026-01-05`, `2026/1/5`, `2026.1.5`, `2026年1月5日` → `2026-01-05`; undefined otherwise. */
export function tableDate(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isDate(date) ? date : undefined;
}

/** Yuan as written in a cell (`3500`, `¥1,200.50`, `800元`) → integer fen; undefined when it is not ≥ 0 with at most two decimals. */
export function tableYuanToFen(text: string): number | undefined {
  const t = text
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .replace(/[,，\s]/g, '');
  if (!/^\d+(?:\.\d{1,2})?$/.test(t)) return undefined;
  const fen = decimalToHundredths(t);
  return fen !== undefined && Number.isSafeInteger(fen) ? fen : undefined;
}

/** A target as written (`25`, `30%`, `50,000`) → number; undefined when it is not one. */
export function tableNumber(text: string): number | undefined {
  const t = text.replace(/[%％,，\s]/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function roleOf(text: string): Role | undefined {
  const t = norm(text);
  return (Object.keys(ROLE_NAMES) as Role[]).find((role) => {
    const r = ROLE_NAMES[role];
    return [r['zh-CN'], r.en, ...r.aliases].some((name) => norm(name) === t);
  });
}

/** What an import will write, or its errors (nothing is written when there is one). */
export interface RosterPlan {
  teams: { record: TeamRecord; expectRev: number | null }[];
  members: { record: MemberRecord; expectRev: number | null }[];
  errors: RecordError[];
}

/**
 * Reads a roster table against the stored teams and members (see the
 * module doc): the records to write with the revisions they replace, or
 * the errors by row and column.
 */
export function planRosterImport(table: unknown, stored: { teams: TeamRecord[]; members: MemberRecord[] }): RosterPlan {
  const plan: RosterPlan = { teams: [], members: [], errors: [] };
  if (!Array.isArray(table) || !table.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'))) {
    plan.errors.push({ kind: 'file', index: 0, fields: [setupError('(file)', 'type')] });
    return plan;
  }
  const rows = (table as string[][]).map((row, i) => ({ cells: row, number: i + 1 })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...data] = rows;
  if (!head) {
    plan.errors.push({ kind: 'file', index: 0, fields: [setupError('(file)', 'required')] });
    return plan;
  }

  // Headers.
  const headerErrors: FieldError[] = [];
  const columns: (HeaderKind | null)[] = [];
  const seen = new Set<string>();
  head.cells.forEach((text, i) => {
    if (text.trim() === '') return void (columns[i] = null);
    const h = readHeader(text);
    if (typeof h === 'string') {
      headerErrors.push(setupError(text.trim(), h));
      return void (columns[i] = null);
    }
    const key = h.kind === 'field' ? h.column : `${h.kind}:${h.key}`;
    if (seen.has(key)) headerErrors.push(setupError(text.trim(), 'duplicate-column'));
    seen.add(key);
    columns[i] = h;
  });
  for (const [column, c] of Object.entries(ROSTER_COLUMNS))
    if (c.required && !seen.has(column)) headerErrors.push(setupError(c['zh-CN'] + ' / ' + c.en, 'missing-column'));
  if (headerErrors.length) {
    plan.errors.push({ kind: 'header', index: head.number, fields: headerErrors });
    return plan;
  }
  if (data.length === 0) {
    plan.errors.push({ kind: 'file', index: 0, fields: [setupError('(file)', 'required')] });
    return plan;
  }
  const headerOf = (i: number): string => head.cells[i].trim();
  const at = (column: Column): string => headerOf(columns.findIndex((c) => c?.kind === 'field' && c.column === column));
  /** The header of the column a member field came from (`payFen.bonus` → `薪资:bonus`); undefined for the team (checked apart). */
  const headerOfField = (field: string): string | undefined => {
    const dot = field.indexOf('.');
    if (dot > 0) {
      const kind = field.slice(0, dot) === 'payFen' ? 'pay' : 'target';
      const i = columns.findIndex((c) => c?.kind === kind && c.key === field.slice(dot + 1));
      return i < 0 ? undefined : headerOf(i);
    }
    return field in ROSTER_COLUMNS && field !== 'team' && seen.has(field) ? at(field as Column) : undefined;
  };

  // Teams: the stored ones by id and by name, and the ones this file creates.
  const teamsById = new Map(stored.teams.map((t) => [t.id, t]));
  const teamsByName = new Map(stored.teams.map((t) => [t.name, t]));
  const newTeams = new Map<string, TeamRecord>();
  const membersById = new Map(stored.members.map((m) => [m.id, m]));
  const ids = new Set<string>();
  const leadsByTeam = new Map<string, string[]>();

  for (const row of data) {
    const fields: FieldError[] = [];
    const cell = (i: number): string => (row.cells[i] ?? '').trim();
    const value: Partial<Record<Column, string>> = {};
    const pay = new Map<string, number | undefined>();
    const targets = new Map<string, number | undefined>();
    columns.forEach((c, i) => {
      if (!c) return;
      const text = cell(i);
      if (c.kind === 'field') value[c.column] = text;
      else if (text === '') (c.kind === 'pay' ? pay : targets).set(c.key, undefined);
      else if (c.kind === 'pay') {
        const fen = tableYuanToFen(text);
        if (fen === undefined) fields.push(setupError(headerOf(i), 'pay-yuan'));
        else pay.set(c.key, fen);
      } else {
        const n = tableNumber(text);
        if (n === undefined) fields.push(setupError(headerOf(i), 'target-value'));
        else targets.set(c.key, n);
      }
    });

    // Team: an existing one (id, then name), one created above, or a new one.
    let teamId = '';
    const teamText = value.team ?? '';
    if (teamText === '') fields.push(setupError(at('team'), 'required'));
    else {
      const team = teamsById.get(teamText) ?? teamsByName.get(teamText) ?? newTeams.get(teamText);
      if (team) teamId = team.id;
      else if (!isRecordId(teamText)) fields.push(setupError(at('team'), 'id'));
      else {
        newTeams.set(teamText, { id: teamText, name: teamText, rev: 1 });
        teamId = teamText;
      }
    }
    const role = value.role ? roleOf(value.role) : undefined;
    if (value.role && !role) fields.push(setupError(at('role'), 'role-name'));
    const joinedOn = value.joinedOn ? tableDate(value.joinedOn) : undefined;
    if (value.joinedOn && !joinedOn) fields.push(setupError(at('joinedOn'), 'date'));
    const leftOn = value.leftOn ? tableDate(value.leftOn) : undefined;
    if (value.leftOn && !leftOn) fields.push(setupError(at('leftOn'), 'date'));

    const id = value.id ?? '';
    const before = membersById.get(id);
    const payFen = { ...before?.payFen };
    for (const [key, fen] of pay)
      if (fen === undefined) delete payFen[key];
      else payFen[key] = fen;
    const targetMap = { ...before?.targets };
    for (const [key, n] of targets)
      if (n === undefined) delete targetMap[key];
      else targetMap[key] = n;
    const input: MemberInput = {
      id,
      name: value.name ?? '',
      teamId,
      role: (role ?? value.role ?? '') as Role,
      joinedOn: joinedOn ?? value.joinedOn ?? '',
    };
    if (seen.has('leftOn') ? leftOn : before?.leftOn) input.leftOn = seen.has('leftOn') ? leftOn : before?.leftOn;
    if (Object.keys(payFen).length) input.payFen = payFen;
    if (Object.keys(targetMap).length) input.targets = targetMap;
    // The record's own checks (lengths, bounds, the order of the dates), named by the column they came from.
    for (const f of memberInputErrors(input, () => true)) {
      const header = headerOfField(f.field) ?? (f.field === 'teamId' ? undefined : f.field);
      if (header !== undefined && !fields.some((x) => x.field === header)) fields.push({ ...f, field: header });
    }
    if (id && ids.has(id)) fields.push(setupError(at('id'), 'duplicate-id'));
    ids.add(id);
    if (fields.length) {
      plan.errors.push({ kind: 'row', index: row.number, id: id || undefined, fields });
      continue;
    }
    plan.members.push({ record: memberRecord(input, (before?.rev ?? 0) + 1), expectRev: before?.rev ?? null });
    if (role === 'lead') leadsByTeam.set(teamId, [...(leadsByTeam.get(teamId) ?? []), id]);
  }

  for (const team of newTeams.values()) plan.teams.push({ record: team, expectRev: null });
  for (const [teamId, leads] of leadsByTeam) {
    if (leads.length !== 1) continue;
    const fresh = plan.teams.find((t) => t.record.id === teamId);
    if (fresh) fresh.record.lead = leads[0];
    else {
      const team = teamsById.get(teamId);
      if (team && team.lead !== leads[0])
        plan.teams.push({ record: teamRecord({ id: team.id, name: team.name, lead: leads[0] }, team.rev + 1), expectRev: team.rev });
    }
  }
  return plan;
}

/** Import a roster table in one commit, or nothing (`import-invalid` with the rows and columns at fault). */
export async function importRoster(adapter: StoreAdapter, table: RosterTable, actor: Actor): Promise<RosterImportResult> {
  requireManager(actor);
  const [teams, members] = await Promise.all([adapter.getAll('teams'), adapter.getAll('members')]);
  const plan = planRosterImport(table, { teams, members });
  if (plan.errors.length) throw new StoreError('import-invalid', { records: plan.errors });
  // Teams first: the members' team ids and the teams' leads refer to one another inside one commit.
  const ops: WriteOp[] = [
    ...plan.teams.map((t): WriteOp => ({ kind: 'teams', op: 'put', record: t.record, expectRev: t.expectRev })),
    ...plan.members.map((m): WriteOp => ({ kind: 'members', op: 'put', record: m.record, expectRev: m.expectRev })),
  ];
  await adapter.commit(ops);
  return { teams: plan.teams.map((t) => t.record), members: plan.members.map((m) => m.record) };
}

/** The roster as a table with headers in `locale` (every pay item and target any member has gets a column). */
export function rosterToTable(teams: TeamRecord[], members: MemberRecord[], locale: Locale): CsvCell[][] {
  const payItems = [...new Set(members.flatMap((m) => Object.keys(m.payFen ?? {})))].sort();
  const targetNames = [...new Set(members.flatMap((m) => Object.keys(m.targets ?? {})))].sort();
  const fixed = Object.keys(ROSTER_COLUMNS) as Column[];
  const head = [
    ...fixed.map((c) => ROSTER_COLUMNS[c][locale]),
    ...payItems.map((k) => `${PAY_PREFIX[locale]}:${k}`),
    ...targetNames.map((k) => `${TARGET_PREFIX[locale]}:${k}`),
  ];
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const rows: CsvCell[][] = [head];
  for (const m of [...members].sort((a, b) => a.teamId.localeCompare(b.teamId) || a.id.localeCompare(b.id))) {
    rows.push([
      m.id,
      m.name,
      teamName.get(m.teamId) ?? m.teamId,
      ROLE_NAMES[m.role][locale],
      m.joinedOn,
      m.leftOn ?? '',
      ...payItems.map((k) => (m.payFen?.[k] === undefined ? '' : formatFen(m.payFen[k]))),
      ...targetNames.map((k) => m.targets?.[k] ?? ''),
    ]);
  }
  return rows;
}

/** The roster as Excel-friendly CSV (UTF-8 BOM, CRLF): the current roster, and the template of an import. */
export function rosterToCsv(teams: TeamRecord[], members: MemberRecord[], locale: Locale): string {
  return toCsv(rosterToTable(teams, members, locale));
}
