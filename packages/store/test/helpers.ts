// Shared set-up of the store tests: a fresh real IndexedDB database per test.
import { compile } from '@rulecard/dsl';
import type { CompiledRulebook } from '../src/types.js';
import { expect } from '@esm-bundle/chai';
import { openDB, type IDBPDatabase } from 'idb';
import { MIGRATIONS, type UpgradeDB, type UpgradeTx } from '../src/migrations.js';
import { isStoreError, openStore, type StoreError, type RulecardStore, type OpenStoreOptions, type CallLogInput } from '../src/index.js';

let counter = 0;

/** A unique database name; deleted first so each test starts empty. */
export async function freshName(prefix = 'rc-test'): Promise<string> {
  const name = `${prefix}-${Date.now()}-${counter++}`;
  await deleteDb(name);
  return name;
}

export function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    req.onblocked = () => resolve();
  });
}

/** A database exactly as the code of schema `version` left it: its own migrations, run up to that version. */
export function databaseAt(name: string, version: number): Promise<IDBPDatabase> {
  return openDB(name, version, {
    async upgrade(db, old, _new, tx) {
      for (const m of MIGRATIONS)
        if (m.version > old && m.version <= version)
          await m.run(db as UpgradeDB, tx as unknown as UpgradeTx, { timezone: 'Asia/Shanghai' });
    },
  });
}

export async function freshStore(options: OpenStoreOptions = {}): Promise<{ store: RulecardStore; name: string }> {
  const name = options.name ?? (await freshName());
  const store = await openStore({ ...options, name });
  return { store, name };
}

/**
 * A store clock a test moves: the real time until `set(at)`, then `at` (until `set()` again). A registration
 * is made at its time (a new booking must be later), an event recorded after it happened.
 */
export function settableClock(): { now: () => Date; set(at?: string): void } {
  let fixed: Date | undefined;
  return {
    now: () => fixed ?? new Date(),
    set(at) {
      fixed = at === undefined ? undefined : new Date(at);
    },
  };
}

/** Two teams, three consultants, a lead and a manager. */
export async function seedRoster(store: RulecardStore): Promise<void> {
  await store.putTeam({ id: 't1', name: '网络咨询组' });
  await store.putTeam({ id: 't2', name: '电话咨询组' });
  await store.putMember({ id: 'c1', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'c2', name: '李娜', teamId: 't1', role: 'consultant', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'c3', name: '张伟', teamId: 't2', role: 'consultant', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'l1', name: '刘组长', teamId: 't2', role: 'lead', joinedOn: '2026-01-01' });
  await store.putMember({ id: 'm1', name: '陈经理', teamId: 't2', role: 'manager', joinedOn: '2026-01-01' });
}

/** A fully registered phone consultation. */
export function fullLog(over: Partial<CallLogInput> = {}): CallLogInput {
  return {
    date: '2026-11-03',
    time: '09:30',
    consultant: 'c1',
    channel: 'phone',
    customerName: '李女士',
    contact: '13812345678',
    age: 28,
    region: '广州',
    source: '百度',
    project: '双眼皮',
    question: '价格和恢复期',
    answer: '已介绍价格，建议面诊',
    booked: false,
    followUpPromised: false,
    ...over,
  };
}

/** The program the store compiles from `source` (the whole language, as publishing does). */
export function compiled(source: string): CompiledRulebook {
  const { rulebook, diagnostics } = compile(source, { locale: 'en', version: 2 });
  if (!rulebook) throw new Error(`rulebook does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  return rulebook;
}

export async function publish(store: RulecardStore, source: string, effectiveFrom: string): Promise<void> {
  await store.publishRulebook({ source, compiled: compiled(source), author: 'm1', effectiveFrom, confirmPastDate: true });
}

/** Awaits `p` and asserts it fails with a `StoreError` of `code`; returns the error. */
export async function expectError(p: Promise<unknown>, code: string): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    expect(isStoreError(e), String(e)).to.equal(true);
    expect((e as StoreError).code).to.equal(code);
    return e as StoreError;
  }
  throw new Error(`expected a ${code} error`);
}

/** Two stores on one fresh database: two tabs of one browser. `close()` closes both and deletes the database. */
export async function twoTabs(
  prefix: string,
  options: Omit<OpenStoreOptions, 'name'> = {},
): Promise<{
  name: string;
  tabA: RulecardStore;
  tabB: RulecardStore;
  close(): Promise<void>;
}> {
  const name = await freshName(prefix);
  const tabA = await openStore({ ...options, name });
  const tabB = await openStore({ ...options, name });
  await seedRoster(tabA);
  return {
    name,
    tabA,
    tabB,
    async close() {
      tabA.close();
      tabB.close();
      await deleteDb(name);
    },
  };
}
