// Editor ergonomics (issue 12, #8): "new rule" templates for the common shapes in both keyword languages,
// filled from a Chinese sentence where its words match; the info on two rules binding the same events.
import { expect } from '@esm-bundle/chai';
import { compile, type v2 } from '@rulecard/dsl';

type CompiledRule = v2.CompiledRule;
import { openStore } from '@rulecard/store';
import '../src/editor/index.js';
import { fromSentence, ruleTemplate, SHAPES } from '../src/editor/rule-templates.js';

async function until<T>(probe: () => T | undefined | null | false, what: string, timeout = 8000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const only = (source: string): CompiledRule => {
  const { rulebook, diagnostics } = compile(source, { version: 2 });
  expect(
    diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code}: ${d.message}`),
    source,
  ).to.deep.equal([]);
  return rulebook!.rules[0];
};

describe('new rule templates', () => {
  it('every shape compiles with Chinese and with English keywords, to the same program', () => {
    for (const shape of SHAPES) {
      const zh = only(ruleTemplate(shape, 'zh-CN'));
      const en = only(ruleTemplate(shape, 'en'));
      const strip = (r: CompiledRule) =>
        JSON.stringify({ ...r, text: '', range: null, clauses: r.clauses.map((c) => ({ ...c, range: null })) });
      expect(strip(zh), shape).to.equal(strip(en));
    }
  });

  it('a Chinese sentence fills the template where its words match', () => {
    const rude = fromSentence('态度无礼每次扣8分，超过2次个人扣12分')!;
    expect(rude).to.deep.equal({ shape: 'per-incident', fill: { label: '态度无礼', id: '态度无礼', points: 8, count: 2, amount: 12 } });
    expect(ruleTemplate(rude.shape, 'zh-CN', rude.fill)).to.equal(
      '态度无礼 "态度无礼": 扣 8 分/次; 超过 2 次 => 个人 扣 12 分, 集体 扣 12 分',
    );
    const target = fromSentence('有效预约每月不足25个，每少一个扣20元')!;
    expect(target.shape).to.equal('monthly-target');
    expect(ruleTemplate(target.shape, 'en', target.fill)).to.equal('有效预约 "有效预约" on booking: <25 per month each => -20 yuan');
    only(ruleTemplate(target.shape, 'en', target.fill));
    expect(fromSentence('整形就诊提成手术费3%')).to.deep.include({ shape: 'commission' });
    expect(fromSentence('客户转化率低于30%')).to.deep.include({ shape: 'ratio' });
    expect(fromSentence('全员达到20人次每人奖励200元')).to.deep.include({ shape: 'team-wide' });
    expect(fromSentence('')).to.equal(undefined);
  });
});

describe('<rulecard-editor> new rule', () => {
  afterEach(() => document.body.replaceChildren());

  it('a sentence typed in the panel becomes a rule at the end of the text; a target beside a commission stacks quietly, a duplicate gets an info', async () => {
    const database = `new-rule-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const store = await openStore({ name: database });
    const el = document.createElement('rulecard-editor');
    for (const [k, v] of Object.entries({ consultant: 'm01', role: 'manager', database, lang: 'en' })) el.setAttribute(k, v);
    el.store = store;
    document.body.append(el);
    await until(() => el.shadowRoot?.querySelector('.cm-content')?.getAttribute('aria-readonly') === 'false', 'the text');
    el.value = 'appointment_fee "预约提成" on booking: 5 yuan per\n';
    const root = el.shadowRoot!;
    const panel = root.querySelector<HTMLDetailsElement>('details[part="new-rule"]')!;
    expect(panel.querySelector('summary')!.textContent).to.equal('New rule (template)');
    panel.querySelector('summary')!.click();
    const sentence = root.querySelector<HTMLInputElement>('[part="new-rule-sentence"]')!;
    sentence.value = '有效预约每月不足25个，每少一个扣20元';
    sentence.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(root.querySelector<HTMLSelectElement>('[part="new-rule-shape"]')!.value).to.equal('monthly-target');
    expect(root.querySelector('[part="new-rule-preview"]')!.textContent).to.equal(
      '有效预约 "有效预约" on booking: <25 per month each => -20 yuan',
    );
    root.querySelector<HTMLButtonElement>('[part="new-rule-insert"]')!.click();
    expect(el.value).to.equal(
      'appointment_fee "预约提成" on booking: 5 yuan per\n有效预约 "有效预约" on booking: <25 per month each => -20 yuan\n',
    );
    // A monthly target beside a commission on the same bookings is meant to stack: no info.
    await until(() => el.rulebook?.rules.length === 2, 'the target checked');
    expect(el.diagnostics.filter((d) => d.code === 'same-binding')).to.deep.equal([]);
    // A rule's English label shows in the rules table beside its label.
    el.value += 'rude_attitude "态度无礼" en "Rude attitude": -8 per\n';
    const en = await until(() => root.querySelector('tr[data-rule="rude_attitude"] [data-label-en]'), 'the English label');
    expect(en.textContent).to.equal('Rude attitude');
    // A second commission on the same bookings (each booking paid twice): the info, on its line.
    el.value += 'booking_bonus "预约奖励" on booking: 2 yuan per\n';
    const info = await until(() => el.diagnostics.find((d) => d.code === 'same-binding'), 'the same-binding info');
    expect(info.severity).to.equal('info');
    expect(info.range.start.line).to.equal(4);
    expect(info.message).to.contain('`appointment_fee`');
    expect(el.rulebook).not.to.equal(null);
  });
});
