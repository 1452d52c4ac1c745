// importJson against hostile files: unknown and prototype keys, type confusion in every field of every record kind,
// huge numbers, reserved ids, programs that are not their source's compile. Every case: `import-invalid` naming the
// record and the field, and nothing imported.
import { expect } from '@esm-bundle/chai';
import { isStoreError, type RecordError, type RulecardStore, type StoreError, type StoreExport } from '../src/index.js';
import { expectError, freshStore, fullLog, publish, seedRoster } from './helpers.js';

type Json = Record<string, unknown>;
type Kinds = Record<string, Json[]>;

/** A store holding at least one record of every kind (and records with every optional field). */
async function filled(): Promise<RulecardStore> {
  const { store } = await freshStore();
  await seedRoster(store);
  await store.putMember({ id: 'c4', name: '赵敏', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01', leftOn: '2026-12-31' });
  await publish(store, 'rude_attitude "态度粗暴": -8 per', '2026-10-01');
  await store.saveDraft({ editor: 'm1', source: 'praise: +6 per', effectiveFrom: '2026-12-01' });
  await store.saveFormDraft(
    { id: 'tab-1', form: 'call-log', value: { customerName: '王先生' }, target: { id: 'L1', rev: 1 } },
    { by: 'c1' },
  );
  const log = await store.createCallLog(
    fullLog({
      id: 'L1',
      booked: true,
      bookingAt: '2026-11-05T10:00',
      bookingExpert: '张医生',
      followUpPromised: true,
      visitedAt: '2026-11-05T10:20',
      surgeryFeeFen: 500000,
      recordingRef: 'R1',
      note: '备注',
    }),
    { by: 'c1' },
  );
  await store.updateCallLog(log.id, { answer: '已预约' }, { by: 'c1', expectedRev: 1 });
  const rude = await store.recordEvent(
    { type: 'rude_attitude', consultant: 'c2', at: '2026-10-04T15:00', amount: 12.5, attrs: { from: 'spot check' }, note: '抽查' },
    { by: 'm1' },
  );
  const appeal = await store.openAppeal(
    { consultant: 'c2', line: { rule: 'rude_attitude', window: '2026-10-04', events: [rude.id] }, reason: '不实' },
    { by: 'c2' },
  );
  await store.decideAppeal(appeal.id, { decision: 'accept', note: '属实', expectedRev: 1 }, { by: 'm1' });
  await store.closeMonth('2026-10', { by: 'm1', reason: '十月结账' });
  await store.reopenMonth('2026-10', { by: 'm1', reason: '补录' });
  await store.closeMonth('2026-10', { by: 'm1' });
  await store.recordEvent({ type: 'rude_attitude', consultant: 'c3', at: '2026-10-20T15:00' }, { by: 'm1' });
  return store;
}

/** `kind#index:field/reason` of every refused field. */
const summary = (records: RecordError[]): string[] =>
  records.flatMap((r) => r.fields.map((f) => `${r.kind}#${r.index}:${f.field}/${f.reason}`));

describe('importJson refuses hostile files, naming records and fields', () => {
  let source: RulecardStore;
  let file: StoreExport;
  let target: RulecardStore;
  let initial: string;
  before(async () => {
    source = await filled();
    file = await source.exportJson();
    source.close();
  });
  beforeEach(async () => {
    ({ store: target } = await freshStore());
    await seedRoster(target);
    initial = JSON.stringify({ ...(await target.exportJson()), exportedAt: '' });
  });
  afterEach(async () => {
    // Whatever was refused, nothing was imported.
    expect(JSON.stringify({ ...(await target.exportJson()), exportedAt: '' })).to.equal(initial);
    target.close();
  });

  /** Imports `data`, expects `import-invalid`, returns the refused fields. */
  async function refused(data: unknown): Promise<string[]> {
    const err = await expectError(target.importJson(data), 'import-invalid');
    return summary(err.records);
  }
  const copy = (): Json & { records: Kinds } => structuredClone(file) as unknown as Json & { records: Kinds };

  it('imports the untouched file (the cases below differ from it in one place each)', async () => {
    const { store } = await freshStore();
    const { counts } = await store.importJson(structuredClone(file));
    expect(Object.values(counts).every((n) => n > 0)).to.equal(true);
    store.close();
  });

  it('refuses unknown keys, prototype keys included, in records and in the file', async () => {
    const text = JSON.stringify(file)
      .replace('"records":{', '"evil":1,"records":{"hacks":[],')
      .replace('{"id":"t1",', '{"__proto__":{"isAdmin":true},"id":"t1",')
      .replace('{"id":"c1",', '{"isAdmin":true,"id":"c1",')
      .replace('"type":"rude_attitude",', '"constructor":"x","type":"rude_attitude",');
    expect(await refused(JSON.parse(text))).to.deep.equal(['file#0:evil/unknown-field', 'file#0:records.hacks/unknown-field']);
    const records = JSON.parse(text.replace('"evil":1,', '').replace('"hacks":[],', ''));
    expect(await refused(records)).to.include.members([
      'teams#0:__proto__/unknown-field',
      'members#0:isAdmin/unknown-field',
      `events#${file.records.events.findIndex((e) => e.type === 'rude_attitude')}:constructor/unknown-field`,
    ]);
  });

  it('refuses a wrong type in every field of every record kind', async () => {
    const bad: string[] = [];
    for (const [kind, list] of Object.entries(copy().records)) {
      const keys = [...new Set(list.flatMap((r) => Object.keys(r)))];
      for (const key of keys) {
        if (kind === 'formDrafts' && key === 'value') continue; // any JSON value is a draft's value
        const data = copy();
        const index = data.records[kind].findIndex((r) => key in r);
        const record = data.records[kind][index];
        // Where an object belongs, a string; elsewhere an object.
        record[key] = record[key] !== null && typeof record[key] === 'object' ? 'x' : { x: 1 };
        const fields = await refused(data);
        const named = fields.some((f) => f.startsWith(`${kind}#${index}:${key}`));
        if (!named) bad.push(`${kind}.${key}: ${fields.join(', ')}`);
      }
    }
    expect(bad).to.deep.equal([]);
  });

  it('refuses huge numbers', async () => {
    const data = copy();
    const r = data.records;
    r.teams[0].rev = 1e308;
    r.rulebookVersions[0].version = 2 ** 60;
    r.callLogs[0].surgeryFeeFen = 1e20;
    const manual = r.events.findIndex((e) => e.origin === 'manual' && e.amount !== undefined);
    r.events[manual].amount = 1e12;
    r.appeals[0].fen = 1e20;
    ((r.periods[0].snapshot as Json).scorecards as { consultants: Record<string, Json> }).consultants.c2.points = 1e308;
    expect(await refused(data)).to.include.members([
      'teams#0:rev/type',
      'rulebookVersions#0:version/type',
      'callLogs#0:surgeryFeeFen/fen',
      `events#${manual}:amount/amount-range`,
      'appeals#0:fen/fen',
      'periods#0:snapshot.scorecards.consultants.c2/type',
    ]);
  });

  it('refuses reserved ids and keys: __proto__, constructor', async () => {
    const text = JSON.stringify(file).replace('"consultants":{"c1":', '"consultants":{"__proto__":');
    const data = JSON.parse(text);
    data.records.members.push({ id: '__proto__', name: 'x', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01', rev: 1 });
    data.records.teams.push({ id: 'constructor', name: 'x', rev: 1 });
    const manual = data.records.events.findIndex((e: Json) => e.origin === 'manual' && e.attrs);
    data.records.events[manual].attrs = JSON.parse('{"__proto__":"x"}');
    const fields = await refused(data);
    expect(fields).to.include.members([
      `members#${data.records.members.length - 1}:id/reserved-id`,
      `teams#${data.records.teams.length - 1}:id/reserved-id`,
      `events#${manual}:attrs/reserved-key`,
      'periods#0:snapshot.scorecards.consultants.__proto__/reserved-id',
    ]);
  });

  it('refuses a program that is not its source’s compile, and a file of a newer schema', async () => {
    const data = copy();
    ((data.records.rulebookVersions[0] as Json).compiled as Json).pointFen = 100000; // 1 point = 1,000 yuan
    expect(await refused(data)).to.deep.equal(['rulebookVersions#0:compiled/compiled-mismatch']);
    expect(await refused({ ...copy(), schemaVersion: 99 })).to.deep.equal(['file#0:schemaVersion/schema-version']);
    expect(await refused({ ...copy(), format: 'other' })).to.deep.equal(['file#0:format/enum']);
    expect(await refused([])).to.deep.equal(['file#0:(file)/type']);
  });
});

describe('importJson of a schema-2 file', () => {
  it('converts its appeal events into appeals', async () => {
    const { store } = await freshStore();
    await seedRoster(store);
    await publish(store, 'rude_attitude: -8 per', '2026-01-01');
    const rude = await store.recordEvent({ type: 'rude_attitude', consultant: 'c1', at: '2026-11-03T09:00' }, { by: 'm1' });
    const v3 = await store.exportJson();
    const stamp = '2026-11-04T00:00:00.000Z';
    const legacy = {
      id: 'ap-old',
      type: 'rulecard_appeal',
      consultant: 'c1',
      at: rude.at,
      day: rude.day,
      origin: 'manual',
      attrs: {
        rule: 'rude_attitude',
        label: 'rude_attitude',
        window: rude.day,
        points: -8,
        fen: -800,
        events: rude.id,
        reason: '不实',
        status: 'open',
      },
      rev: 1,
      recordedBy: 'c1',
      createdAt: stamp,
      updatedAt: stamp,
    };
    const { appeals: _a, formDrafts: _f, ...records } = v3.records;
    const v2 = { ...v3, schemaVersion: 2, records: { ...records, events: [...records.events, legacy] } };
    const { store: other } = await freshStore();
    const { counts } = await other.importJson(JSON.parse(JSON.stringify(v2)));
    expect([counts.appeals, counts.events]).to.deep.equal([1, 1]);
    const [appeal] = await other.listAppeals({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' });
    expect(appeal).to.deep.include({
      id: 'ap-old',
      status: 'open',
      points: -8,
      fen: -800,
      events: [rude.id],
      openedBy: 'c1',
      openedAt: stamp,
    });
    expect(await other.listEvents({ consultant: 'c1' }, { from: '2026-11-01', to: '2026-11-30' }, ['rulecard_appeal'])).to.deep.equal([]);
    store.close();
    other.close();
  });
});

describe('reserved ids in the roster', () => {
  it('refuses __proto__ and constructor as member and team ids', async () => {
    const { store } = await freshStore();
    await seedRoster(store);
    const member = await expectError(
      store.putMember({ id: '__proto__', name: 'x', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' }),
      'validation',
    );
    expect(member.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['id:reserved-id']);
    const team = await expectError(store.putTeam({ id: 'constructor', name: 'x' }), 'validation');
    expect(team.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['id:reserved-id']);
    const extra = await expectError(store.putTeam({ id: 't9', name: 'x', isAdmin: true } as never), 'validation');
    expect(extra.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['isAdmin:unknown-field']);
    expect(isStoreError(member as StoreError, 'validation')).to.equal(true);
    store.close();
  });
});
