/**
 * A scorecard line as a rulebook example (LANGUAGE.md §9.14), from the
 * what-if panel in one click: the events the line traces to become `given`
 * lines, the line's window the example's `period`, and the `expect` lines
 * what the draft gives the member for those events alone — scored exactly as
 * the editor's example gutter will run it (the real evaluator, the roster of
 * the members the example names), so the example passes on the draft it was
 * made from and fails when a later edit changes that outcome. That roster has
 * no pay items, targets or leads (LANGUAGE.md §9.14): a line that took a
 * share of a member's bonus gives money 0 in its example, and the expect
 * line says so.
 *
 * @example
 * ```ts
 * const text = lineExample({ program, line, member: 'c01', memberName: '王芳', events, period, locale: 'zh-CN' });
 * ```
 */
import { evaluate, exampleEvents, exampleRoster, type Locale, type Period, type ScoreLine, type v2 } from '@rulecard/dsl';
import { instantToLocal, windowRange } from '@rulecard/dsl/calendar';
import type { StoredEvent } from '@rulecard/store';
import { formatWindow, ruleLabel } from '../shared/format.js';

export interface LineExampleInput {
  /** The draft the line was scored with. */
  program: v2.CompiledRulebook;
  line: ScoreLine;
  /** Whose ledger the line is on, and their name (for the example's name). */
  member: string;
  memberName: string;
  /** The events the score read, by id (the line's are looked up here). */
  events: ReadonlyMap<string, StoredEvent>;
  /** The period the line was scored in (the what-if month). */
  period: Period;
  locale: Locale;
}

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A `given` attribute value as the language reads it: numbers and booleans bare, strings quoted. */
function valueText(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The line's window as a period inside the scored one (a per-event line: its day; a longer window: its days in the period). */
function periodOf(line: ScoreLine, scored: Period): Period {
  const range = line.window ? windowRange(line.window) : undefined;
  if (!range) return scored;
  return { from: range.from < scored.from ? scored.from : range.from, to: range.to > scored.to ? scored.to : range.to };
}

/** The example block, ending with a newline (events the score did not return are left out). */
export function lineExample(o: LineExampleInput): string {
  const { program, line, member } = o;
  // `given` lines: the line's events, the same ones (type, minute, member, amount, attributes) counted as `xN`
  const given = new Map<string, v2.ExampleEvent>();
  for (const id of line.events) {
    const e = o.events.get(id);
    if (!e) continue;
    const local = instantToLocal(e.at, program.timezone);
    const attrs = Object.fromEntries(Object.entries(e.attrs ?? {}).filter(([k]) => NAME.test(k)));
    const ev: v2.ExampleEvent = {
      type: e.type,
      count: 1,
      date: local.slice(0, 10),
      time: local.slice(11, 16),
      member: e.consultant,
      range: line.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    };
    if (e.amount !== undefined) ev.amount = e.amount;
    if (Object.keys(attrs).length) ev.attrs = attrs;
    const key = JSON.stringify([ev.type, ev.date, ev.time, ev.member, ev.amount, ev.attrs]);
    const same = given.get(key);
    if (same) same.count++;
    else given.set(key, ev);
  }
  const period = periodOf(line, o.period);
  const rule = ruleLabel(line.rule, line.label === line.rule ? undefined : line.label, o.locale).text;
  const name = `${rule} · ${o.memberName} · ${line.window ? formatWindow(line.window, o.locale) : ''}`.replace(/["\n\r]/g, '');
  const example: v2.Example = {
    name,
    given: [...given.values()],
    expect: [
      {
        subject: { kind: 'member', id: member },
        what: 'points',
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      },
    ],
    period,
    range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  };
  // what the draft gives the member for these events alone, as the example gutter scores it
  const cards = evaluate(program, { events: exampleEvents(example, program.timezone, 0), roster: exampleRoster(example), period });
  const ledger = cards.consultants[member];
  const out = [`example "${name}":`, `  period ${period.from}..${period.to}`];
  for (const g of example.given) {
    let text = `  given ${g.type}${g.count > 1 ? ` x${g.count}` : ''} on ${g.date} at ${g.time} by ${g.member}`;
    if (g.amount !== undefined) text += ` amount ${g.amount}`;
    for (const [k, v] of Object.entries(g.attrs ?? {})) text += ` ${k} = ${valueText(v)}`;
    out.push(text);
  }
  out.push(`  expect ${member} points ${ledger?.points ?? 0}, money ${ledger?.money ?? 0}`);
  for (const flag of ledger?.flags ?? []) out.push(`  expect ${member} flag ${flag}`);
  return `${out.join('\n')}\n`;
}
