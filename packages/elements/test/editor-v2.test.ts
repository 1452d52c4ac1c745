/**
 * Issue 11: the editor follows the language's version 2 — the rulebook's own
 * examples marked as the manager types (pass/fail in the gutter, expected vs
 * actual on hover, a failing one an error), hover help for keywords and
 * declared names, completion of pay items and targets, v2 rules in the table.
 */
import { expect } from '@esm-bundle/chai';
import { currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { shownExampleMarks } from '../src/editor/examples.js';
import { hoverText } from '../src/editor/hover.js';
import { namesOf } from '../src/editor/language.js';
import { compile } from '@rulecard/dsl';
import { checked, mount, uniqueDb, until, viewOf } from './editor-helpers.js';

const RULES = 'rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12';
const example = (name: string, points: number) =>
  `example "${name}":\n  given rude_attitude x3 on 2026-11-03 by c01\n  expect c01 points ${points}, team points -12`;

describe('<rulecard-editor> and version 2', () => {
  it('marks each example passed or failed in the gutter, with expected and actual; a failing one is an error', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb() });
    el.value = [RULES, example('三次无礼', -36), example('写错的预期', -30)].join('\n');
    await checked(el);
    const view = viewOf(el);
    const marks = await until(() => {
      const shown = shownExampleMarks(view);
      return shown.length === 2 ? shown : undefined;
    }, 'two example marks');
    expect(marks.map((m) => [m.line, m.status])).to.deep.equal([
      [2, 'pass'],
      [5, 'fail'],
    ]);
    expect(marks[0].title).to.equal('示例「三次无礼」通过\n✓ 预期 c01 分 -36，实际 -36\n✓ 预期 集体 分 -12，实际 -12');
    expect(marks[1].title).to.contain('✗ 预期 c01 分 -30，实际 -36');
    const gutter = el.shadowRoot!.querySelectorAll('.rc-example-gutter .rc-example');
    expect([...gutter].map((g) => g.textContent)).to.deep.equal(['✓', '✗']);
    await until(() => el.diagnostics.some((d) => d.code === 'example-failed'), 'the example-failed diagnostic');

    // Fixing the expectation turns the mark green and the error goes.
    el.value = el.value.replace('points -30', 'points -36');
    await checked(el);
    await until(() => shownExampleMarks(view).every((m) => m.status === 'pass') && shownExampleMarks(view).length === 2, 'both pass');
  });

  it('speaks English on lang="en"', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb(), lang: 'en' });
    el.value = [RULES, example('three rude', -30)].join('\n');
    await checked(el);
    const marks = await until(() => shownExampleMarks(viewOf(el)).length === 1 && shownExampleMarks(viewOf(el)), 'a mark');
    expect(marks[0].title).to.equal(
      'Example “three rude” fails\n✗ expected c01 points -30, actual -36\n✓ expected team points -12, actual -12',
    );
  });

  it('hover: a keyword says what it means in the editor’s language; a declared name says what it is', () => {
    const { rulebook } = compile(
      'pay base "基本工资"\nabsent "旷工": 50% of base per\nvisit_target on visit: < target visits per month => -100 yuan',
      {
        version: 2,
      },
    );
    const names = namesOf(rulebook);
    expect(names.payItems).to.deep.equal([{ name: 'base', label: '基本工资' }]);
    expect(names.targets).to.deep.equal(['visits']);
    expect(hoverText('unless', names, 'en')).to.deep.equal({
      title: 'keyword unless',
      body: 'not for members holding a flag\nalso written: 除非\nversion 2 of the language',
    });
    expect(hoverText('除非', names, 'zh-CN')?.body).to.contain('持有标记时不生效');
    expect(hoverText('base', names, 'zh-CN')).to.deep.equal({ title: '工资项目 base', body: '基本工资' });
    expect(hoverText('visits', names, 'en')?.title).to.equal('target visits');
    expect(hoverText('nothing_here', names, 'en')).to.equal(undefined);
  });

  it('completes a declared pay item after `of`, and shows v2 rules in the table in words', async () => {
    const el = await mount({ consultant: 'm01', role: 'manager', database: uniqueDb(), lang: 'en' });
    el.value =
      'pay base "基本工资"\nabsent "旷工": 50% of base per, lead -2 per\nlate on late, early_leave: >= 3 per month => 20% of base\n';
    await checked(el);
    expect(el.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
    const rows = [...el.shadowRoot!.querySelectorAll('table.rule-table tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-rule'))).to.deep.equal(['absent', 'late']);
    expect(rows[0].textContent).to.contain('50% of base');
    expect(rows[0].textContent).to.contain('lead -2 pts per event');
    expect(rows[1].textContent).to.contain('events late, early_leave');

    const view = viewOf(el);
    view.dispatch({ changes: { from: view.state.doc.length, insert: 'x on y: 10% of ba' } });
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    startCompletion(view);
    await until(() => currentCompletions(view.state)[0]?.label === 'base', 'the pay item first after `of`');
  });
});
