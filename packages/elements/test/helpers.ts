/** Test helpers for the elements: a fresh IndexedDB store per test, a roster, mounting, waiting. */
import type { CompiledRulebook } from '@rulecard/dsl';
import type { CallLog, CallLogInput, RulecardStore } from '@rulecard/store';
import { openDefaultStore } from '../src/shared/store.js';

let counter = 0;

/** A fresh, empty store (no roster, no rulebook: a clinic's first visit), shared by elements mounted with `database=name`. */
export async function emptyStore(): Promise<{ name: string; store: RulecardStore }> {
  const name = `rulecard-test-${Date.now()}-${counter++}-${Math.random().toString(36).slice(2, 8)}`;
  return { name, store: await openDefaultStore(name) };
}

/** A fresh database name (real IndexedDB in Chromium) and the store elements mounted with `database=name` will share. */
export async function freshStore(): Promise<{ name: string; store: RulecardStore }> {
  const { name, store } = await emptyStore();
  await store.putTeam({ id: 't1', name: '网络咨询组' });
  await store.putMember({ id: 'c01', name: '王芳', teamId: 't1', role: 'consultant', joinedOn: '2026-01-05' });
  await store.putMember({ id: 'c02', name: '李娜', teamId: 't1', role: 'consultant', joinedOn: '2026-01-05' });
  await store.putMember({ id: 'm01', name: '张经理', teamId: 't1', role: 'manager', joinedOn: '2026-01-05' });
  return { name, store };
}

/** Mounts `<tag attrs…>` in the body (optionally inside a wrapper with `lang`). */
export function mount<T extends HTMLElement>(tag: string, attrs: Record<string, string>, parent: HTMLElement = document.body): T {
  const el = document.createElement(tag) as T;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  return el;
}

/** Polls `check` until it returns a truthy value (or throws after `timeout` ms with `what`). */
export async function waitFor<T>(check: () => T | undefined | null | false, what = 'condition', timeout = 8000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const v = check();
      if (v) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The shadow root's query. */
export function $(el: Element, selector: string): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}
export function $$(el: Element, selector: string): HTMLElement[] {
  return [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];
}

/** Visible text of the element's shadow root (whitespace collapsed). */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Today in Asia/Shanghai. */
export function todayShanghai(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The current minute in Asia/Shanghai (`HH:MM`): a time today that is never later than now, whatever the hour
 * the tests run at (a fixed `08:00` is in the future between 00:00 and 08:00 in Shanghai).
 */
export function minuteShanghai(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

const R = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };

/**
 * A compiled rulebook written as the plain JSON the compiler emits (the
 * scorecard runs compiled JSON only; these tests do not need the parser):
 *
 *     rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12
 *     praise "客户表扬": +6 per
 *     spot_check_failed "抽查不合格": -5 per
 *     surgery "整形就诊": personal 2% per, team 1% per
 */
export const RULEBOOK: CompiledRulebook = {
  format: 'rulecard/1',
  title: '咨询组绩效考评',
  pointFen: 100,
  window: 'day',
  timezone: 'Asia/Shanghai',
  rules: [
    {
      id: 'rude_attitude',
      eventType: 'rude_attitude',
      label: '态度无礼',
      where: [],
      effects: [{ target: 'personal', kind: 'points', value: -8 }],
      measure: { kind: 'count' },
      tiers: false,
      clauses: [
        {
          test: { kind: 'cmp', op: '>', value: 2 },
          window: 'day',
          each: false,
          effects: [
            { target: 'personal', kind: 'points', value: -12 },
            { target: 'team', kind: 'points', value: -12 },
          ],
          range: R,
        },
      ],
      range: R,
      text: 'rude_attitude "态度无礼": -8 per; >2 => personal -12, team -12',
    },
    {
      id: 'praise',
      eventType: 'praise',
      label: '客户表扬',
      where: [],
      effects: [{ target: 'personal', kind: 'points', value: 6 }],
      measure: { kind: 'count' },
      tiers: false,
      clauses: [],
      range: R,
      text: 'praise "客户表扬": +6 per',
    },
    {
      id: 'spot_check_failed',
      eventType: 'spot_check_failed',
      label: '抽查不合格',
      where: [],
      effects: [{ target: 'personal', kind: 'points', value: -5 }],
      measure: { kind: 'count' },
      tiers: false,
      clauses: [],
      range: R,
      text: 'spot_check_failed "抽查不合格": -5 per',
    },
  ],
};

/** Publishes the rules of {@link RULEBOOK} (the store compiles their text; a program sent along would have to match it). */
export async function publish(store: RulecardStore, effectiveFrom = '2026-01-01'): Promise<void> {
  await store.publishRulebook({
    source: RULEBOOK.rules.map((r) => r.text).join('\n'),
    author: 'm01',
    effectiveFrom,
    confirmPastDate: true,
  });
}

/**
 * Stores a call log (of c01, today at the current minute — never later than now, at any hour —, by phone, not
 * booked, no follow-up promised: `fields` override these).
 */
export function logCall(store: RulecardStore, fields: Partial<CallLogInput> = {}): Promise<CallLog> {
  const now = new Date();
  const input: CallLogInput = {
    date: todayShanghai(now),
    time: minuteShanghai(now),
    consultant: 'c01',
    channel: 'phone',
    booked: false,
    followUpPromised: false,
    ...fields,
  };
  return store.createCallLog(input, { by: input.consultant });
}

/** Resolves once a mounted `<rulecard-call-log>` shows its form with its draft (if any) restored. */
export async function callLogReady(el: HTMLElement & { draftRestored: Promise<void>; updateComplete: Promise<boolean> }): Promise<void> {
  await waitFor(() => $(el, 'form'), 'the form');
  await el.draftRestored;
  await el.updateComplete;
}
