/**
 * Demo data for the portal: the example roster and people, the clinic
 * rulebook (`examples/rulebooks/clinic.rules`, compiled here in the browser)
 * and a generated month of events, written in one store transaction.
 *
 * The generated month is November 2026. When the portal runs in another month,
 * the events move to the current month (same day and time of day; days the
 * month lacks are dropped), so the scorecards always show "this month".
 * Events after today are dropped: the demo shows a month so far.
 */
import { SCHEMA_VERSION } from '@rulecard/store';
import type { RulecardStore, StoreExport, StoredEvent, MemberRecord, TeamRecord, RulebookVersion } from '@rulecard/store';
import type { RuleEvent } from '@rulecard/dsl';
import { DEFAULT_TIMEZONE, dateInZone, lastDayOfMonth } from '@rulecard/dsl/calendar';
import { yuanToFen } from '@rulecard/dsl/money';
import rulesSource from '../../rulebooks/clinic.rules?raw';
import roster from '../../data/roster.json';
import people from '../../data/people.json';

/** Month of the generated events. */
const SOURCE_MONTH = '2026-11';
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

/** The events of the demo month, moved to `today`'s month and cut at `today`. */
export function demoEvents(generated: RuleEvent[], today: string): RuleEvent[] {
  const month = today.slice(0, 7);
  const last = Number(lastDayOfMonth(month).slice(8));
  const out: RuleEvent[] = [];
  for (const e of generated) {
    if (!e.at.startsWith(SOURCE_MONTH)) continue;
    const day = Number(e.at.slice(8, 10));
    if (day > last) continue;
    const at = month + e.at.slice(7);
    if (at.slice(0, 10) > today) continue;
    out.push({ ...e, at });
  }
  return out;
}

/** The whole demo store as an export file (imported in one transaction, replacing everything). */
export async function demoExport(now = new Date()): Promise<StoreExport> {
  // Loaded only when seeding: the parser and the month of events stay out of the page's main bundle.
  const [{ compile }, { default: generated }] = await Promise.all([import('@rulecard/dsl'), import('../../data/events-2026-11.json')]);
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
  const monthStart = `${today.slice(0, 7)}-01`;
  const version: RulebookVersion = {
    rulebookId: 'default',
    version: 1,
    source: rulesSource,
    compiled: result.rulebook,
    author: DEMO_RULEBOOK_AUTHOR,
    publishedAt: stamp,
    effectiveFrom: monthStart < '2026-11-01' ? monthStart : '2026-11-01',
    note: '演示数据 · demo data',
  };
  const events: StoredEvent[] = demoEvents(generated as RuleEvent[], today).map((e) => ({
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

/** Replace everything in the store with the demo data. */
export async function seed(store: RulecardStore): Promise<void> {
  await store.importJson(await demoExport(), { mode: 'replace' });
}
