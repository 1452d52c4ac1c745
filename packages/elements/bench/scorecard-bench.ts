/**
 * Bench: a consultant's month with 10,000 events, rendered by <rulecard-scorecard>.
 * Seeds a fresh IndexedDB (one import transaction), then measures in Chromium:
 * - mount → totals rendered (IndexedDB reads + evaluate + model + first render);
 * - mount → complete (the events behind the lines and the appeals loaded: the own-appeals section shown);
 * - which store reads the element makes from mount to complete (method, start → end in ms), through a recording proxy;
 * - the store reads alone (score + listEvents);
 * - the view alone: building the model from the loaded data, and a full re-render.
 * Writes the figures to `window.__bench` and to the page.
 */
import { openStore, type RulecardStore, type StoredEvent } from '@rulecard/store';
import '../src/scorecard/index.js';
import type { RulecardScorecard } from '../src/scorecard/scorecard.js';
import { buildModel } from '../src/scorecard/model.js';
import { RULEBOOK } from '../test/helpers.js';

const N = 10_000;
const MONTH = '2026-11';
const TYPES = ['rude_attitude', 'praise', 'spot_check_failed', 'late'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 10) / 10;
}

async function main(): Promise<void> {
  const name = `rulecard-bench-${Date.now()}`;
  const store = await openStore({ name });
  await store.putTeam({ id: 't1', name: '网络咨询组' });
  for (let i = 1; i <= 20; i++)
    await store.putMember({
      id: `c${String(i).padStart(2, '0')}`,
      name: `咨询员${i}`,
      teamId: 't1',
      role: 'consultant',
      joinedOn: '2026-01-01',
    });
  await store.publishRulebook({ source: 'bench', compiled: RULEBOOK, author: 'm01', effectiveFrom: '2026-01-01', confirmPastDate: true });
  const dump = await store.exportJson();
  const now = new Date().toISOString();
  const events: StoredEvent[] = [];
  for (let i = 0; i < N; i++) {
    const day = `${MONTH}-${String((i % 30) + 1).padStart(2, '0')}`;
    const minute = i % 600;
    const at = `${day}T${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
    events.push({
      id: `e${i}`,
      type: TYPES[i % TYPES.length],
      consultant: 'c01',
      at,
      day,
      origin: 'manual',
      note: `note ${i}`,
      rev: 1,
      recordedBy: 'm01',
      createdAt: now,
      updatedAt: now,
    });
  }
  dump.records.events = events;
  await store.importJson(dump, { mode: 'replace' });

  const shown = (el: Element, selector: string) =>
    new Promise<void>((resolve) => {
      const check = () => (el.shadowRoot?.querySelector(selector) ? resolve() : requestAnimationFrame(check));
      check();
    });
  const mountCard = (store?: RulecardStore) => {
    const el = document.createElement('rulecard-scorecard') as RulecardScorecard;
    el.setAttribute('consultant', 'c01');
    el.setAttribute('database', name);
    el.setAttribute('month', MONTH);
    if (store) el.store = store;
    document.body.append(el);
    return el;
  };

  // warm-up (JIT, IndexedDB caches), then the measured mounts
  const mounts: number[] = [];
  const completes: number[] = [];
  for (let run = 0; run < 6; run++) {
    const t0 = performance.now();
    const el = mountCard();
    await shown(el, '[data-total=points]');
    const t1 = performance.now();
    await shown(el, '[part=appeals]');
    if (run > 0) {
      mounts.push(t1 - t0);
      completes.push(performance.now() - t0);
    }
    el.remove();
  }

  // what the element reads from mount to complete, through a proxy that records every store call
  const reads: string[] = [];
  let origin = 0;
  const recording = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'subscribe' || prop === 'timezone') return v;
      return (...args: unknown[]) => {
        const start = performance.now() - origin;
        const out = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (out instanceof Promise)
          void out.then(() => reads.push(`${String(prop)} ${start.toFixed(0)}→${(performance.now() - origin).toFixed(0)}`));
        return out;
      };
    },
  });
  origin = performance.now();
  const probe = mountCard(recording);
  await shown(probe, '[part=appeals]');
  probe.remove();

  const el = mountCard();
  await shown(el, '[part=appeals]');

  const readsMs: number[] = [];
  let loaded: { ledger: unknown; evs: StoredEvent[] } | undefined;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const [result, evs] = await Promise.all([
      store.score({ consultant: 'c01' }, { from: `${MONTH}-01`, to: `${MONTH}-30` }),
      store.listEvents({ consultant: 'c01' }, { from: `${MONTH}-01`, to: `${MONTH}-30` }),
    ]);
    readsMs.push(performance.now() - t0);
    loaded = { ledger: result.scorecards.consultants.c01, evs };
  }
  const scoreOnly: number[] = [];
  const listOnly: number[] = [];
  const period = { from: `${MONTH}-01`, to: `${MONTH}-30` };
  for (let run = 0; run < 5; run++) {
    let t0 = performance.now();
    await store.score({ consultant: 'c01' }, period);
    scoreOnly.push(performance.now() - t0);
    t0 = performance.now();
    await store.listEvents({ consultant: 'c01' }, period);
    listOnly.push(performance.now() - t0);
  }
  const rules = new Map(RULEBOOK.rules.map((r) => [r.id, { label: r.label, text: r.text }]));
  const models: number[] = [];
  for (let run = 0; run < 10; run++) {
    const t0 = performance.now();
    buildModel(loaded!.ledger as never, loaded!.evs, rules, { from: `${MONTH}-01`, to: `${MONTH}-30` }, (c) => c.consultant === 'c01');
    models.push(performance.now() - t0);
  }
  const renders: number[] = [];
  for (let run = 0; run < 10; run++) {
    el.setAttribute('lang', run % 2 ? 'zh-CN' : 'en'); // forces every text to re-render
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    renders.push(performance.now() - t0);
  }
  const lines = el.shadowRoot!.querySelectorAll('[part=line]').length;
  const result = {
    events: N,
    lines,
    mountToRenderedMs: median(mounts),
    mountToCompleteMs: median(completes),
    mountReads: reads.join('; '),
    storeReadsMs: median(readsMs),
    storeScoreMs: median(scoreOnly),
    storeListEventsMs: median(listOnly),
    buildModelMs: median(models),
    rerenderMs: median(renders),
    viewMs: Math.round((median(models) + median(renders)) * 10) / 10,
  };
  (window as unknown as { __bench: unknown }).__bench = result;
  document.getElementById('out')!.textContent = JSON.stringify(result, null, 2);
}

main().catch((e) => {
  (window as unknown as { __bench: unknown }).__bench = { error: String(e) };
});
