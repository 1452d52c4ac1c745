/**
 * Demo data for the portal's static build (no server: the browser seeds its own store). The export is the one
 * the server seeds its demo branch with (`demo-department.mjs`: the example roster and people, the clinic
 * rulebook compiled here in the browser, the department's events generated in the page by `demo-data.mjs`,
 * seeded and deterministic: the whole previous month and the current month up to today), written in two store
 * transactions.
 */
import type { RulecardStore, StoreExport } from '@rulecard/store';
import { DEFAULT_TIMEZONE, dateInZone, firstDayOfMonth, monthOf } from '@rulecard/dsl/calendar';
import rulesSource from '../../rulebooks/clinic.rules?raw';
import roster from '../../data/roster.json';
import people from '../../data/people.json';

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

/** The whole demo store as an export file (imported in one transaction, replacing everything). */
export async function demoExport(now = new Date()): Promise<StoreExport> {
  // Loaded only when seeding: the parser and the generator stay out of the page's main bundle.
  const { demoDepartment } = await import('./demo-department.mjs');
  return demoDepartment({ now, source: rulesSource, people: PEOPLE, roster: { teams: TEAMS }, timezone: DEFAULT_TIMEZONE });
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
 * rulebook and this month's events replace the store's contents (resolved then: the first page can show), and
 * the previous month's events are added next, in the background (`seedingDone()`); the elements on the page
 * update when they land.
 */
export async function seed(store: RulecardStore): Promise<void> {
  await seedingDone();
  const now = new Date();
  const file = await demoExport(now);
  const monthStart = firstDayOfMonth(monthOf(dateInZone(now, DEFAULT_TIMEZONE)));
  const events = file.records.events;
  const thisMonth = events.filter((e) => e.day >= monthStart);
  const earlier = events.filter((e) => e.day < monthStart);
  await store.importJson({ ...file, records: { ...file.records, events: thisMonth } }, { mode: 'replace' });
  const empty = Object.fromEntries(Object.keys(file.records).map((k) => [k, []])) as unknown as StoreExport['records'];
  backfill = store.importJson({ ...file, records: { ...empty, events: earlier } }, { mode: 'merge' });
}
