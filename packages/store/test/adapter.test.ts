// The StoreAdapter contract, run against the IndexedDB adapter and the in-memory one (what a PostgreSQL adapter
// must do too): atomic commits, revision checks, the closed-month journal resolved inside the commit, index ranges.
import { expect } from '@esm-bundle/chai';
import { MemoryAdapter } from '../src/memory-adapter.js';
import {
  createStore,
  isStoreError,
  openIdbAdapter,
  type Appeal,
  type ChangeRecord,
  type PeriodRecord,
  type StoreAdapter,
  type StoredEvent,
} from '../src/index.js';
import { deleteDb, freshName, freshStore } from './helpers.js';

const stamp = '2026-11-01T00:00:00.000Z';
const event = (id: string, consultant: string, day: string): StoredEvent => ({
  id,
  type: 'praise',
  consultant,
  at: `${day}T09:00:00+08:00`,
  day,
  origin: 'manual',
  rev: 1,
  recordedBy: 'm1',
  createdAt: stamp,
  updatedAt: stamp,
});
const change = (id: string, month: string): ChangeRecord => ({
  id,
  month,
  kind: 'event',
  recordId: 'e1',
  action: 'update',
  at: stamp,
  by: 'm1',
});
const closed = (month: string): PeriodRecord => ({ month, status: 'closed', history: [], rev: 1 });
const appeal = (id: string, consultant: string, day: string): Appeal => ({
  id,
  consultant,
  at: `${day}T09:00:00+08:00`,
  day,
  rule: 'r',
  label: 'r',
  points: -1,
  fen: -100,
  events: [],
  reason: 'x',
  status: 'open',
  openedBy: consultant,
  openedAt: stamp,
  rev: 1,
});

const adapters: [string, () => Promise<{ adapter: StoreAdapter; done: () => Promise<void> }>][] = [
  [
    'IndexedDB',
    async () => {
      const name = await freshName('rc-adapter');
      const adapter = await openIdbAdapter({ name });
      return { adapter, done: () => (adapter.close(), deleteDb(name)) };
    },
  ],
  ['memory', async () => ({ adapter: new MemoryAdapter(), done: async () => undefined })],
];

for (const [label, open] of adapters) {
  describe(`StoreAdapter contract: ${label}`, () => {
    let adapter: StoreAdapter;
    let done: () => Promise<void>;
    beforeEach(async () => ({ adapter, done } = await open()));
    afterEach(() => done());

    it('resolves journal ops inside the commit: a change record only for a month closed at that moment', async () => {
      await adapter.commit([
        { kind: 'events', op: 'put', record: event('e1', 'c1', '2026-10-05') },
        { kind: 'changes', op: 'journal', record: change('chg-1', '2026-10') },
      ]);
      expect(await adapter.getAll('changes')).to.deep.equal([]);
      await adapter.commit([{ kind: 'periods', op: 'put', record: closed('2026-10'), expectRev: null }]);
      await adapter.commit([
        { kind: 'changes', op: 'journal', record: change('chg-2', '2026-10') },
        { kind: 'changes', op: 'journal', record: change('chg-3', '2026-11') },
      ]);
      expect((await adapter.query('changes', { index: 'by-month', only: '2026-10' })).map((c) => c.id)).to.deep.equal(['chg-2']);
      // In the same commit as the closing: the journal sees the month closed.
      await adapter.commit([
        { kind: 'periods', op: 'put', record: closed('2026-11'), expectRev: null },
        { kind: 'changes', op: 'journal', record: change('chg-4', '2026-11') },
      ]);
      expect((await adapter.getAll('changes')).map((c) => c.id)).to.deep.equal(['chg-2', 'chg-4']);
    });

    it('applies a commit entirely or not at all: a failed revision check undoes every earlier op', async () => {
      await adapter.commit([{ kind: 'events', op: 'put', record: event('e1', 'c1', '2026-11-03'), expectRev: null }]);
      const attempts: [string, Promise<void>][] = [
        [
          'duplicate',
          adapter.commit([
            { kind: 'events', op: 'put', record: event('e2', 'c1', '2026-11-04') },
            { kind: 'events', op: 'put', record: event('e1', 'c1', '2026-11-03'), expectRev: null },
          ]),
        ],
        [
          'conflict',
          adapter.commit([
            { kind: 'appeals', op: 'put', record: appeal('a1', 'c1', '2026-11-03') },
            { kind: 'events', op: 'put', record: { ...event('e1', 'c1', '2026-11-03'), rev: 3 }, expectRev: 2 },
          ]),
        ],
        [
          'not-found',
          adapter.commit([
            { kind: 'events', op: 'delete', key: 'e1' },
            { kind: 'events', op: 'delete', key: 'nope', expectRev: 1 },
          ]),
        ],
      ];
      for (const [code, attempt] of attempts) {
        try {
          await attempt;
          throw new Error(`expected ${code}`);
        } catch (e) {
          expect(isStoreError(e, code as never), String(e)).to.equal(true);
        }
      }
      expect((await adapter.getAll('events')).map((e) => e.id)).to.deep.equal(['e1']);
      expect(await adapter.getAll('appeals')).to.deep.equal([]);
      expect(
        (await adapter.query('events', { index: 'by-consultant-day', lower: ['c1', '2026-11-01'], upper: ['c1', '2026-11-30'] })).map(
          (e) => e.id,
        ),
      ).to.deep.equal(['e1']);
    });

    it('a clear then writes in one commit (an import replacing everything): the day reads hold exactly what was written after it', async () => {
      await adapter.commit([
        { kind: 'events', op: 'put', record: event('e1', 'c1', '2026-11-03') },
        { kind: 'events', op: 'put', record: event('e9', 'c1', '2026-11-03') },
      ]);
      await adapter.commit([
        { kind: 'events', op: 'clear' },
        { kind: 'events', op: 'put', record: event('e1', 'c1', '2026-11-04') },
        // the same id again in the commit: moved out of the day it was just put in
        { kind: 'events', op: 'put', record: event('e1', 'c1', '2026-11-05') },
        { kind: 'events', op: 'put', record: event('e2', 'c1', '2026-11-05') },
        { kind: 'events', op: 'put', record: event('e3', 'c1', '2026-11-03') },
        { kind: 'events', op: 'delete', key: 'e3' },
        { kind: 'events', op: 'delete', key: 'e9' },
      ]);
      const days = await adapter.query('events', { index: 'by-consultant-day', lower: ['c1', '2026-11-01'], upper: ['c1', '2026-11-30'] });
      expect(days.map((e) => `${e.id}@${e.day}`)).to.deep.equal(['e1@2026-11-05', 'e2@2026-11-05']);
      expect(await adapter.count('events')).to.equal(2);
    });

    it('reads inclusive ranges of the new indexes, in key order', async () => {
      await adapter.commit([
        { kind: 'appeals', op: 'put', record: appeal('a3', 'c2', '2026-11-02') },
        { kind: 'appeals', op: 'put', record: appeal('a2', 'c1', '2026-11-30') },
        { kind: 'appeals', op: 'put', record: appeal('a1', 'c1', '2026-11-01') },
        { kind: 'appeals', op: 'put', record: appeal('a0', 'c1', '2026-10-31') },
        { kind: 'formDrafts', op: 'put', record: { id: 'd2', form: 'call-log', owner: 'c1', value: {}, savedAt: stamp } },
        { kind: 'formDrafts', op: 'put', record: { id: 'd1', form: 'editor', owner: 'c1', value: null, savedAt: stamp } },
        { kind: 'formDrafts', op: 'put', record: { id: 'd3', form: 'call-log', owner: 'c2', value: [1], savedAt: stamp } },
      ]);
      const range = await adapter.query('appeals', {
        index: 'by-consultant-day',
        lower: ['c1', '2026-11-01'],
        upper: ['c1', '2026-11-30'],
      });
      expect(range.map((a) => a.id)).to.deep.equal(['a1', 'a2']);
      expect((await adapter.query('formDrafts', { index: 'by-owner-form', only: ['c1', 'call-log'] })).map((d) => d.id)).to.deep.equal([
        'd2',
      ]);
      expect((await adapter.queryMany('formDrafts', [{ only: 'd3' }, { only: 'd1' }])).map((d) => d.value)).to.deep.equal([[1], null]);
      expect(await adapter.count('appeals')).to.equal(4);
    });
  });
}

describe('persistence', () => {
  it('the browser store asks for persistent storage when it opens and reports it', async () => {
    const { store } = await freshStore();
    const p = await store.persistence();
    expect([p.where, p.supported, typeof p.persisted, typeof p.granted, typeof p.quota]).to.deep.equal([
      'browser',
      true,
      'boolean',
      'boolean',
      'number',
    ]);
    expect(p.persisted).to.equal(await navigator.storage.persisted());
    store.close();
    const elsewhere = await createStore(new MemoryAdapter()).persistence();
    expect(elsewhere).to.deep.equal({ where: 'elsewhere', supported: false, persisted: true });
  });
});
