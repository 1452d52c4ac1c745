import { expect } from '@esm-bundle/chai';
import { isStoreError, type RulecardStore, type StoreError, type StoreExport } from '../src/index.js';
import { parseCsv, toCsv } from '../src/csv-core.js';
import { freshStore, fullLog, publish, seedRoster, settableClock } from './helpers.js';

describe('export and import', () => {
  let store: RulecardStore;
  const clock = settableClock();
  beforeEach(async () => {
    clock.set();
    ({ store } = await freshStore({ now: clock.now }));
    await seedRoster(store);
  });
  afterEach(() => store.close());

  async function fillEverything(s: RulecardStore): Promise<void> {
    await publish(s, 'rude_attitude: -8 per; >2 => personal -12, team -12', '2026-10-01');
    await s.saveDraft({ editor: 'm1', source: 'praise: +6 per' });
    clock.set('2026-11-03T09:40:00+08:00'); // registered right after the consultation
    const log = await s.createCallLog(fullLog({ booked: true, bookingAt: '2026-11-05T10:00', bookingExpert: '张医生' }), { by: 'c1' });
    clock.set();
    await s.updateCallLog(log.id, { answer: '已预约' }, { by: 'c1', expectedRev: 1 });
    const rude = await s.recordEvent({ type: 'rude_attitude', consultant: 'c2', at: '2026-11-04T15:00', note: '抽查录音' }, { by: 'm1' });
    const appeal = await s.openAppeal(
      { consultant: 'c2', line: { rule: 'rude_attitude', window: '2026-11-04', events: [rude.id] }, reason: '不实' },
      { by: 'c2' },
    );
    await s.decideAppeal(appeal.id, { decision: 'accept', expectedRev: 1 }, { by: 'm1' });
    await s.saveFormDraft({ id: 'tab-1', form: 'call-log', value: { form: { customerName: '王先生' } } }, { by: 'c1' });
    await s.recordEvent({ type: 'praise', consultant: 'c3', at: '2026-10-04T15:00+08:00', attrs: { source: '锦旗' } }, { by: 'm1' });
    await s.closeMonth('2026-10', { by: 'm1' });
    await s.recordEvent({ type: 'rude_attitude', consultant: 'c3', at: '2026-10-20T15:00+08:00' }, { by: 'm1' });
  }

  it('round-trips everything through JSON losslessly', async () => {
    await fillEverything(store);
    const exported = await store.exportJson();
    for (const kind of Object.keys(exported.records) as (keyof StoreExport['records'])[]) {
      expect(exported.records[kind]?.length, kind).to.be.greaterThan(0);
    }
    expect(Object.keys(exported.records).sort()).to.deep.equal([
      'appeals',
      'callLogHistory',
      'callLogs',
      'changes',
      'drafts',
      'events',
      'formDrafts',
      'members',
      'periods',
      'rulebookVersions',
      'teams',
    ]);
    const text = JSON.stringify(exported);
    const { store: other } = await freshStore();
    await other.importJson(JSON.parse(text));
    const again = await other.exportJson();
    expect(JSON.stringify({ ...again, exportedAt: '' })).to.equal(JSON.stringify({ ...exported, exportedAt: '' }));
    // And the imported store works: revision checks continue from the imported revs.
    const logId = exported.records.callLogs[0].id;
    await other.updateCallLog(logId, { region: '深圳' }, { by: 'c1', expectedRev: 2 });
    other.close();
  });

  it('replacing, leaves exactly the imported events on their days, whatever the store held under the same ids', async () => {
    await fillEverything(store);
    const before = await store.exportJson();
    const all = { all: true as const };
    const range = { from: '2026-10-01', to: '2026-11-30' };
    // (the call logs' events, derived when read, aside)
    const ids = async (s: RulecardStore) =>
      (await s.listEvents(all, range))
        .map((e) => e.id)
        .filter((id) => !id.includes('~'))
        .sort();
    expect((await ids(store)).length).to.be.greaterThan(2);
    // A file holding every other event of the store: the rest must go, the kept ones stay once, on their days.
    const kept = before.records.events.filter((_, i) => i % 2 === 0);
    await store.importJson({ ...before, records: { ...before.records, events: kept, appeals: [] } }, { mode: 'replace' });
    expect(await ids(store)).to.deep.equal(kept.map((e) => e.id).sort());
    for (const e of kept) {
      const day = await store.listEvents({ consultant: e.consultant }, { from: e.day, to: e.day });
      expect(day.filter((x) => x.id === e.id).length, e.id).to.equal(1);
    }
  });

  it('refuses a bad import entirely, saying which records and fields', async () => {
    await fillEverything(store);
    const exported = await store.exportJson();
    const bad = structuredClone(exported);
    (bad.records.callLogs[0] as unknown as Record<string, unknown>).age = 'old';
    (bad.records.events[1] as unknown as Record<string, unknown>).consultant = 'ghost';
    bad.records.members.push({ id: 'x1', name: '', teamId: 'nope', role: 'boss' as never, joinedOn: '2026-13-01', rev: 1 });
    const { store: target } = await freshStore();
    await seedRoster(target);
    const before = await target.exportJson();
    try {
      await target.importJson(bad);
      throw new Error('should be refused');
    } catch (e) {
      expect(isStoreError(e, 'import-invalid'), String(e)).to.equal(true);
      const err = e as StoreError;
      const summary = err.records.map((r) => `${r.kind}#${r.index}:${r.fields.map((f) => `${f.field}/${f.reason}`).join(',')}`);
      expect(summary).to.include('callLogs#0:age/age');
      expect(summary).to.include('events#1:consultant/unknown-consultant');
      expect(summary.find((s) => s.startsWith('members#'))).to.contain('teamId/unknown-team');
      expect(err.text('zh-CN')).to.contain('未导入任何记录');
    }
    const after = await target.exportJson();
    expect(JSON.stringify({ ...after, exportedAt: '' })).to.equal(JSON.stringify({ ...before, exportedAt: '' }));
    target.close();
  });

  it('writes call logs as Excel-friendly CSV (BOM, CRLF, Chinese, masked) and reads them back', async () => {
    await store.createCallLog(fullLog({ question: '价格, "恢复期"\n多久？', note: '=SUM(A1)', surgeryFeeFen: 123456 }), { by: 'c1' });
    await store.createCallLog(fullLog({ consultant: 'c2', channel: 'business_chat', time: '11:00', contact: 'lina_2026' }), { by: 'c2' });
    const csv = await store.exportCallLogsCsv({ team: 't1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    expect(csv).to.contain('\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(csv);
    expect(rows[0].slice(0, 6)).to.deep.equal(['编号', '日期', '时间', '咨询员', '咨询员姓名', '渠道']);
    expect(rows).to.have.length(3);
    expect(rows[1]).to.include('王芳');
    expect(rows[1]).to.include('电话');
    expect(rows[1]).to.include('138****5678');
    expect(rows[1]).to.include('价格, "恢复期"\n多久？');
    expect(rows[1]).to.include('=SUM(A1)');
    expect(csv).to.contain("'=SUM(A1)");
    expect(rows[1]).to.include('1234.56');
    expect(rows[2]).to.include('商务通/网络');
    expect(csv).not.to.contain('13812345678');

    // Unmasked export → import into another store → same logs.
    const full = await store.exportCallLogsCsv({ all: true }, { from: '2026-11-01', to: '2026-11-30' }, { locale: 'en', unmasked: true });
    expect(parseCsv(full)[0][0]).to.equal('ID');
    const { store: other } = await freshStore();
    await seedRoster(other);
    const imported = await other.importCallLogsCsv(full, { by: 'm1' });
    expect(imported).to.have.length(2);
    const originals = await store.listCallLogs({ all: true }, { from: '2026-11-01', to: '2026-11-30' });
    for (const o of originals) {
      const copy = (await other.getCallLogUnmasked(o.id))!;
      const orig = (await store.getCallLogUnmasked(o.id))!;
      for (const f of [
        'date',
        'time',
        'consultant',
        'channel',
        'customerName',
        'contact',
        'contactKind',
        'age',
        'question',
        'note',
        'surgeryFeeFen',
        'booked',
      ] as const) {
        expect(copy[f], f).to.deep.equal(orig[f]);
      }
    }
    other.close();
  });

  it('refuses a CSV with a bad row, importing nothing', async () => {
    const csv = toCsv([
      ['日期', '时间', '咨询员', '渠道', '联系方式', '是否预约'],
      ['2026-11-03', '09:00', 'c1', '电话', '13812345678', '否'],
      ['2026-11-03', '09:10', 'c9', '电话', '13812345678', '否'],
      ['2026-11-03', '09:20', 'c1', '电话', '13812345678', '也许'],
    ]);
    try {
      await store.importCallLogsCsv(csv, { by: 'm1' });
      throw new Error('should be refused');
    } catch (e) {
      expect(isStoreError(e, 'import-invalid'), String(e)).to.equal(true);
      expect((e as StoreError).records.map((r) => [r.index, r.fields[0].field])).to.deep.equal([[3, 'booked']]);
    }
    const csv2 = toCsv([
      ['日期', '时间', '咨询员', '渠道', '联系方式', '是否预约'],
      ['2026-11-03', '09:00', 'c1', '电话', '13812345678', '否'],
      ['2026-11-03', '09:10', 'c9', '电话', '13812345678', '否'],
    ]);
    try {
      await store.importCallLogsCsv(csv2, { by: 'm1' });
      throw new Error('should be refused');
    } catch (e) {
      expect((e as StoreError).records.map((r) => [r.index, r.fields[0].reason])).to.deep.equal([[2, 'unknown-consultant']]);
    }
    expect(await store.listCallLogs({ all: true }, { from: '2026-11-01', to: '2026-11-30' })).to.deep.equal([]);
  });

  it("guards formulas reversibly: a name that really is '=1+1 survives a round trip; full-width ＝＋－＠ are guarded too", async () => {
    const values = ['=1+1', "'=1+1", "''=1+1", "'abc", "'", '＝1+1', '＋86 138', '－5', '＠SUM(A1)', "'＝1", '-8', 'a=b', '\tx'];
    const csv = toCsv([values]);
    const cells = csv.slice(1, -2).split(',');
    expect(cells).to.deep.equal([
      "'=1+1",
      "''=1+1",
      "'''=1+1",
      "'abc",
      "'",
      "'＝1+1",
      "'＋86 138",
      "'－5",
      "'＠SUM(A1)",
      "''＝1",
      "'-8",
      'a=b',
      "'\tx",
    ]);
    expect(parseCsv(csv)).to.deep.equal([values]);
    // Through the call-log CSV of one store into another.
    await store.createCallLog(fullLog({ customerName: "'=1+1", region: '＝HYPERLINK("x")', note: "'abc" }), { by: 'c1' });
    const full = await store.exportCallLogsCsv({ all: true }, { from: '2026-11-01', to: '2026-11-30' }, { unmasked: true });
    const { store: other } = await freshStore();
    await seedRoster(other);
    const [copy] = await other.importCallLogsCsv(full, { by: 'm1' });
    expect([copy.customerName, copy.region, copy.note]).to.deep.equal(["'=1+1", '＝HYPERLINK("x")', "'abc"]);
    other.close();
  });
});
