/** Helpers of the version-2 evaluator's tests: compile with `{ version: 2 }`, score with the evaluator of both versions. */
import { compile, evaluate, type Roster, type RuleEvent, type Scorecards, type v2 } from '../../src/index.js';
import { november } from '../helpers.js';

export function program(source: string): v2.CompiledRulebook {
  const { rulebook, diagnostics } = compile(source, { locale: 'en', version: 2 });
  if (!rulebook) throw new Error(diagnostics.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`).join('\n'));
  return rulebook;
}

export const team: Roster = {
  teams: [
    { id: 'net', members: ['li', 'wang'], lead: 'li' },
    { id: 'phone', members: ['zhao'] },
  ],
};

export function run(source: string, events: RuleEvent[], roster: Roster = team, period = november): Scorecards {
  return evaluate(program(source), { events, roster, period });
}
