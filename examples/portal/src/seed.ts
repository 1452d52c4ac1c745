/**
 * Demo data for the portal: the example roster and people, the clinic
 * rulebook (`examples/rulebooks/clinic.rules`, compiled here in the browser)
 * and the department's events, written in one store transaction.
 *
 * The events are generated here, in the browser (`demo-data.mjs`: seeded and
 * deterministic, no month of events shipped as JSON): the whole previous month
 * and the current month up to today, so the scorecards show "this month so far"
 * and last month complete, where every rule of the rulebook fires.
 */
import { SCHEMA_VERSION } from '@rulecard/store';
import type { RulecardStore, StoreExport, StoredEvent, MemberRecord, TeamRecord, RulebookVersion } from '@rulecard/store';
import { DEFAULT_TIMEZONE, addMonths, dateInZone, firstDayOfMonth, monthOf } from '@rulecard/dsl/calendar';
import { yuanToFen } from '@rulecard/dsl/money';
import rulesSource from '../../rulebooks/clinic.rules?raw';
import roster from '../../data/roster.json';
import people from '../../data/people.json';

/** Team of the managers (they are not scored; the store wants every member in a team). */
export const OFFICE_TEAM = 'office';
export const DEMO_RULEBOOK_AUTHOR = 'm01';

export interface Person {
  id: string;
  name: string;
  nameEn: string;
  role: 'consultant' | 'lead' | 'manager';
  team?: string;
  title: string;
  joined: string;
  /** Yuan a month per pay item of the rulebook (`pay bonus`). */
  pay?: Record<string, number>;
  /** The member's targets (`target sales`). */
  targets?: Record<string, number>;
}

export const PEOPLE: Person[] = people.people as Person[];
export const TEAMS: { id: string; name: string; members: string[] }[] = roster.teams;

/** The parser and the generator: loaded only when seeding (they stay out of the page's main bundle), once. */
let seedingCode: Promise<[typeof import('@rulecard/dsl'), typeof import('./demo-data.mjs')]> | undefined;
const loadSeedingCode = () => (seedingCode ??= Promise.all([import('@rulecard/dsl'), import('./demo-data.mjs')]));

/**
 * Start downloading what seeding runs (a first visit: the store is new), while the page opens its store and asks
 * for the department's server; seeding then finds it loaded.
 */
export function preloadSeeding(): void {
  loadSeedingCode().catch(() => undefined);
}

/**
 * The whole demo store as an export file (imported in one transaction, replacing everything); `month`: only the
 * events of this month (`current`) or of the previous one (`previous`), the rest of the file the same.
 */
export async function demoExport(now = new Date(), month: 'both' | 'current' | 'previous' = 'both'): Promise<StoreExport> {
  const [{ compile }, { demoEvents }] = await loadSeedingCode();
  const result = compile(rulesSource, { version: 2 });
  if (!result.rulebook) throw new Error('clinic.rules does not compile');
  const today = dateInZone(now, DEFAULT_TIMEZONE); // the store's zone
  const stamp = now.toISOString();
  const teams: TeamRecord[] = [
    // Each team led by its 组长 (people.json).
    ...TEAMS.map((t) => ({ id: t.id, name: t.name, lead: PEOPLE.find((p) => p.team === t.id && p.role === 'lead')?.id, rev: 1 })),
    { id: OFFICE_TEAM, name: '客户服务中心', rev: 1 },
  ];
  const members: MemberRecord[] = PEOPLE.map((p) => ({
    id: p.id,
    name: p.name,
    teamId: p.team ?? OFFICE_TEAM,
    role: p.role,
    joinedOn: p.joined,
    ...(p.pay ? { payFen: Object.fromEntries(Object.entries(p.pay).map(([item, yuan]) => [item, yuanToFen(yuan)])) } : {}),
    ...(p.targets ? { targets: p.targets } : {}),
    rev: 1,
  }));
  // In effect from the first day of the events: the previous month.
  const from = firstDayOfMonth(addMonths(monthOf(today), -1));
  const version: RulebookVersion = {
    rulebookId: 'default',
    version: 1,
    source: rulesSource,
    compiled: result.rulebook,
    author: DEMO_RULEBOOK_AUTHOR,
    publishedAt: stamp,
    effectiveFrom: from,
    note: '演示数据 · demo data',
  };
  const events: StoredEvent[] = demoEvents({
    teams: teams
      .filter((t) => t.id !== OFFICE_TEAM)
      .map((t) => ({ id: t.id, members: TEAMS.find((x) => x.id === t.id)?.members ?? [], lead: t.lead })),
    today,
    month,
  }).map((e) => ({
    ...e,
    day: e.at.slice(0, 10),
    origin: 'manual',
    rev: 1,
    recordedBy: DEMO_RULEBOOK_AUTHOR,
    createdAt: stamp,
    updatedAt: stamp,
  }));
  return {
    format: 'rulecard-store/1',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: stamp,
    timezone: 'Asia/Shanghai',
    records: {
      teams,
      members,
      rulebookVersions: [version],
      drafts: [],
      callLogs: [],
      callLogHistory: [],
      events,
      periods: [],
      changes: [],
    },
  };
}

/** True when the store holds no roster yet (first visit). */
export async function isEmpty(store: RulecardStore): Promise<boolean> {
  return (await store.listTeams()).length === 0;
}

/** The previous month's events being written after the first part of a seeding (settled when there is none). */
let backfill: Promise<unknown> = Promise.resolve();

/** Settles once the last seeding has written everything (before the store is cleared or seeded again). */
export function seedingDone(): Promise<void> {
  return backfill.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Replace everything in the store with the demo data, in two steps so the portal opens fast: the roster, the
 * rulebook and this month's events (generated alone: a few days' worth at the start of a month) replace the
 * store's contents (resolved then: the first page can show), and the previous month's events are generated and
 * added next, in the background once the page has rendered (`seedingDone()`); the elements on the page update
 * when they land.
 */
export async function seed(store: RulecardStore): Promise<void> {
  await seedingDone();
  const now = new Date();
  const file = await demoExport(now, 'current');
  await store.importJson(file, { mode: 'replace' });
  backfill = afterRender().then(async () => {
    const earlier = await demoExport(now, 'previous');
    const empty = Object.fromEntries(Object.keys(earlier.records).map((k) => [k, []])) as unknown as StoreExport['records'];
    await store.importJson({ ...earlier, records: { ...empty, events: earlier.records.events } }, { mode: 'merge' });
  });
}

/** Settles once the page has had the chance to render what it has (the previous month is generated after). */
function afterRender(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });
}
