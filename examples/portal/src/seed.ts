/**
 * Demo data for the portal's static build (no server: the browser seeds its own store). The export is the one
 * the server seeds its demo branch with (`demo-department.mjs`: the example roster and people, the clinic
 * rulebook compiled here in the browser, the department's events generated in the page by `demo-data.mjs`,
 * seeded and deterministic: the whole previous month and the current month up to today), written in two store
 * transactions.
 */
import type { RulecardStore, StoreExport } from '@rulecard/store';
import { DEFAULT_TIMEZONE } from '@rulecard/dsl/calendar';
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

/** The demo department's builder (with the parser and the generator): loaded only when seeding (it stays out of the page's main bundle), once. */
let seedingCode: Promise<typeof import('./demo-department.mjs')> | undefined;
const loadSeedingCode = () => (seedingCode ??= import('./demo-department.mjs'));

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
  const { demoDepartment } = await loadSeedingCode();
  return demoDepartment({ now, source: rulesSource, people: PEOPLE, roster: { teams: TEAMS }, timezone: DEFAULT_TIMEZONE, month });
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
 * added next, in the background once the page shows its data (`seedingDone()`); the elements on the page update
 * when they land.
 */
export async function seed(store: RulecardStore): Promise<void> {
  await seedingDone();
  const now = new Date();
  const file = await demoExport(now, 'current');
  await store.importJson(file, { mode: 'replace' });
  backfill = afterFirstContent().then(async () => {
    const earlier = await demoExport(now, 'previous');
    const empty = Object.fromEntries(Object.keys(earlier.records).map((k) => [k, []])) as unknown as StoreExport['records'];
    await store.importJson({ ...earlier, records: { ...empty, events: earlier.records.events } }, { mode: 'merge' });
  });
}

/**
 * Settles once the page shows the store's data (its element's shadow root holds a form, table or list), or after
 * 5 s: the previous month is generated and written after that. Its write is one readwrite transaction over the
 * events, which the page's first read would otherwise wait behind (an idle callback fired while that read was
 * pending, and a cold page's first content came after the whole backfill).
 */
function afterFirstContent(): Promise<void> {
  const shown = (): boolean => !!document.querySelector('main[data-page] .content > *')?.shadowRoot?.querySelector('form, table, ol, ul');
  const started = performance.now();
  return new Promise((resolve) => {
    const poll = (): void => {
      if (shown() || performance.now() - started > 5000) resolve();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}
