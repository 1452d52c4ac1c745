// The demo department generated in the browser (issue 13 #5, issue 12 #7): deterministic, a whole previous month
// plus the current month up to today, in time order, and every rule of clinic.rules firing in the previous month
// with every flag it names raised — whatever the month (lengths, weekdays, a year boundary).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, type Roster } from '../packages/dsl/src/index.js';
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthOf, parseInstant } from '../packages/dsl/src/calendar.js';
import { demoEvents } from '../examples/portal/src/demo-data.mjs';

const root = path.resolve(__dirname, '..');
const source = readFileSync(path.join(root, 'examples/rulebooks/clinic.rules'), 'utf8');
const teams = (
  JSON.parse(readFileSync(path.join(root, 'examples/data/roster.json'), 'utf8')) as {
    teams: { id: string; name: string; members: string[] }[];
  }
).teams;
const people = (
  JSON.parse(readFileSync(path.join(root, 'examples/data/people.json'), 'utf8')) as {
    people: { id: string; role: string; team?: string; pay?: Record<string, number>; targets?: Record<string, number> }[];
  }
).people;
/** The demo department as the store gives it to the evaluator: leads, roles, pay items and targets (no join dates: any month). */
const roster: Roster = {
  teams: teams.map((t) => ({ ...t, lead: people.find((p) => p.team === t.id && p.role === 'lead')?.id })),
  members: people.filter((p) => p.team).map((p) => ({ id: p.id, role: p.role, pay: p.pay, targets: p.targets })),
};
const rulebook = compile(source, { version: 2 }).rulebook!;
/** Rules and flags that need more months than the demo holds (a streak of three months): they cannot fire in it. */
const LONGER = { rules: ['team_penalty_streak'], flags: ['remove_supervisor'] };
/** Every flag the rulebook names (`标记 x`). */
const FLAGS = [...new Set([...source.matchAll(/标记\s+([a-z_]+)/g)].map((m) => m[1]))].filter((f) => !LONGER.flags.includes(f)).sort();

describe('the demo department', () => {
  it('is the same every time for the same day and seed, and another with another seed', () => {
    const a = demoEvents({ teams, today: '2026-12-03' });
    expect(demoEvents({ teams, today: '2026-12-03' })).toEqual(a);
    expect(demoEvents({ teams, today: '2026-12-03', seed: 'other' })).not.toEqual(a);
  });

  it('generates one month alone as exactly its part of both (the portal seeds this month first)', () => {
    for (const today of ['2026-12-03', '2027-01-01', '2027-03-31']) {
      const both = demoEvents({ teams, today });
      const month = monthOf(today);
      const current = demoEvents({ teams, today, month: 'current' });
      const previous = demoEvents({ teams, today, month: 'previous' });
      expect(current.length).toBeGreaterThan(0);
      expect(current).toEqual(both.filter((e) => monthOf(e.at.slice(0, 10)) === month));
      expect(previous).toEqual(both.filter((e) => monthOf(e.at.slice(0, 10)) !== month));
    }
  });

  for (const today of ['2026-12-03', '2027-01-01', '2027-03-31', '2028-03-01', '2026-07-20']) {
    it(`covers the previous month and this month up to ${today}, in time order, with every rule firing and every flag raised`, () => {
      const events = demoEvents({ teams, today });
      const previous = addMonths(monthOf(today), -1);
      const days = events.map((e) => e.at.slice(0, 10));
      expect(days[0]).toBe(firstDayOfMonth(previous));
      expect(days.at(-1)! <= today).toBe(true);
      expect(days.some((d) => monthOf(d) === monthOf(today))).toBe(true);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      for (let i = 1; i < events.length; i++) expect(parseInstant(events[i - 1].at) <= parseInstant(events[i].at)).toBe(true);
      const members = new Set(teams.flatMap((t) => t.members));
      expect(events.filter((e) => !members.has(e.consultant))).toEqual([]);

      const result = evaluate(rulebook, { events, roster, period: { from: firstDayOfMonth(previous), to: lastDayOfMonth(previous) } });
      // The store drops the data warning about the consultations it derives from every call log (no rule scores them).
      expect(result.warnings.filter((w) => !(w.code === 'unused-event-type' && w.params?.type === 'consultation'))).toEqual([]);
      const ledgers = [...Object.values(result.consultants), ...Object.values(result.teams)];
      const fired = new Set(ledgers.flatMap((l) => l.lines.map((line) => line.rule)));
      expect(rulebook.rules.map((r) => r.id).filter((id) => !fired.has(id) && !LONGER.rules.includes(id))).toEqual([]);
      expect([...new Set(ledgers.flatMap((l) => l.flags))].sort()).toEqual(FLAGS);
    });
  }
});
