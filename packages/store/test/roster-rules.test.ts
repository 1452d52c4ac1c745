// The roster and rulebook reads the incident and roster elements take from the store's small subpath.
import { expect } from '@esm-bundle/chai';
import { compile } from '@rulecard/dsl';
import { hasLeft, recordableEventTypes } from '../src/roster-rules.js';

describe('@rulecard/store/roster-rules', () => {
  it('a member leaving on a day is still on the roster that day, gone the day after', () => {
    expect(hasLeft({}, '2026-11-03')).to.equal(false);
    expect(hasLeft({ leftOn: '2026-11-03' }, '2026-11-03')).to.equal(false);
    expect(hasLeft({ leftOn: '2026-11-03' }, '2026-11-04')).to.equal(true);
  });

  it('event types recorded by hand: bound types in rule order, derived ones left out, the amount required where a rule reads it', () => {
    const { rulebook, diagnostics } = compile(
      [
        'rude_attitude: -8 per',
        'rude_twice on rude_attitude: per day >= 2 => -5',
        'upsell on sale: 5% of amount',
        'big_sale on sale where amount >= 1000: +2 per',
        'consult on consultation: +1 per',
      ].join('\n'),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
    const types = recordableEventTypes(rulebook!.rules);
    expect(types.map((t) => [t.type, t.rules.map((r) => r.id), t.needsAmount])).to.deep.equal([
      ['rude_attitude', ['rude_attitude', 'rude_twice'], false],
      ['sale', ['upsell', 'big_sale'], true],
    ]);
  });
});
