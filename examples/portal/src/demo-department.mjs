/**
 * The demo department as a store export: the one piece of code that builds it, for the server's demo branch
 * (`packages/server/src/demo.ts`, `--demo`) and for the portal's static build, which seeds its own store
 * (`seed.ts`). The roster and people (`examples/data/{roster,people}.json`), the clinic rulebook compiled from its
 * source (`examples/rulebooks/clinic.rules`, in effect from the first day of the events) and the department's events
 * (`demo-data.mjs`: the whole previous month and the current month up to today, seeded and deterministic).
 *
 * A plain ES module with no browser, bundler or Node dependency: each caller loads the files its own way (the
 * portal through Vite imports, the server from the disk) and passes their contents. Types: `demo-department.d.mts`.
 */
import { compile } from '@rulecard/dsl';
import { addMonths, dateInZone, firstDayOfMonth, monthOf } from '@rulecard/dsl/calendar';
import { yuanToFen } from '@rulecard/dsl/money';
import { SCHEMA_VERSION } from '@rulecard/store';
import { demoEvents } from './demo-data.mjs';

/** Team of the managers (they are not scored; the store wants every member in a team). */
export const OFFICE_TEAM = 'office';
/** Who published the demo rulebook and recorded the demo events. */
export const DEMO_AUTHOR = 'm01';

/**
 * @param {import('./demo-department.d.mts').DemoDepartmentOptions} options
 * @returns {import('@rulecard/store').StoreExport}
 */
export function demoDepartment({ now, source, people, roster, timezone = 'Asia/Shanghai', month }) {
  const { rulebook: compiled } = compile(source, { version: 2 });
  if (!compiled) throw new Error('clinic.rules does not compile');
  const today = dateInZone(now, timezone);
  const stamp = now.toISOString();
  const teams = [
    // Each team led by its 组长 (people.json).
    ...roster.teams.map((t) => ({ id: t.id, name: t.name, lead: people.find((p) => p.team === t.id && p.role === 'lead')?.id, rev: 1 })),
    { id: OFFICE_TEAM, name: '客户服务中心', rev: 1 },
  ];
  const members = people.map((p) => ({
    id: p.id,
    name: p.name,
    teamId: p.team ?? OFFICE_TEAM,
    role: p.role,
    joinedOn: p.joined,
    ...(p.pay ? { payFen: Object.fromEntries(Object.entries(p.pay).map(([item, yuan]) => [item, yuanToFen(yuan)])) } : {}),
    ...(p.targets ? { targets: p.targets } : {}),
    rev: 1,
  }));
  const events = demoEvents({
    teams: roster.teams.map((t) => ({ id: t.id, members: t.members, lead: teams.find((x) => x.id === t.id)?.lead })),
    today,
    timezone,
    // Only one of the two months (the portal seeds this one first): passed to the generator when asked.
    ...(month ? { month } : {}),
  }).map((e) => ({
    ...e,
    day: e.at.slice(0, 10),
    origin: 'manual',
    rev: 1,
    recordedBy: DEMO_AUTHOR,
    createdAt: stamp,
    updatedAt: stamp,
  }));
  return {
    format: 'rulecard-store/1',
    schemaVersion: SCHEMA_VERSION,
    exportedAt: stamp,
    timezone,
    records: {
      teams,
      members,
      rulebookVersions: [
        {
          rulebookId: 'default',
          version: 1,
          source,
          compiled,
          author: DEMO_AUTHOR,
          publishedAt: stamp,
          // In effect from the first day of the events: the previous month.
          effectiveFrom: firstDayOfMonth(addMonths(monthOf(today), -1)),
          note: '演示数据 · demo data',
        },
      ],
      drafts: [],
      callLogs: [],
      callLogHistory: [],
      events,
      periods: [],
      changes: [],
    },
  };
}
