import { compile, evaluate, type CompiledRulebook, type RuleEvent, type Roster, type Scorecards } from '../src/index.js';

export const roster: Roster = {
  teams: [
    { id: 'net', name: '网络咨询组', members: ['li', 'wang'] },
    { id: 'phone', name: '电话咨询组', members: ['zhao'] },
  ],
};

export const november = { from: '2026-11-01', to: '2026-11-30' };

export function book(source: string): CompiledRulebook {
  const { rulebook, diagnostics } = compile(source, { locale: 'en' });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!rulebook || errors.length)
    throw new Error(`does not compile:\n${errors.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n')}`);
  return rulebook;
}

let seq = 0;
/** An event at a local Shanghai time: `ev('rude_attitude', 'li', '2026-11-09 09:00')`. */
export function ev(type: string, consultant: string, local: string, extra: Partial<RuleEvent> = {}): RuleEvent {
  seq += 1;
  return { id: `e${String(seq).padStart(5, '0')}`, type, consultant, at: `${local.replace(' ', 'T')}:00+08:00`, ...extra };
}

/** n events of a type for one consultant, one per day from a start date, at 10:00. */
export function daily(type: string, consultant: string, n: number, startDay = 1, extra: Partial<RuleEvent> = {}): RuleEvent[] {
  return Array.from({ length: n }, (_, i) =>
    ev(type, consultant, `2026-11-${String(((startDay - 1 + i) % 30) + 1).padStart(2, '0')} 10:00`, extra),
  );
}

export function score(source: string, events: RuleEvent[], period = november, r: Roster = roster): Scorecards {
  return evaluate(book(source), { events, roster: r, period });
}
