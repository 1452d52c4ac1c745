// What-if through the store: an unpublished rulebook scored exactly as the published path scores (the demo month of
// examples/data, an accepted correction, a mid-month version change), so the editor's what-if and the scorecard agree
// to the fen.
import { expect } from '@esm-bundle/chai';
import type { Ledger } from '@rulecard/dsl';
import { CORRECTION_RULE, type RulecardStore, type ScoreResult, type StoredEvent } from '../src/index.js';
import { expectError, freshStore } from './helpers.js';

const NOV = { from: '2026-11-01', to: '2026-11-30' };

async function text(path: string): Promise<string> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.text();
}

/** Points and integer fen of every ledger: what payroll and the scorecard show. */
function totals(result: ScoreResult): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  const add = (prefix: string, rec: Record<string, Ledger>) => {
    for (const [id, l] of Object.entries(rec)) out[`${prefix}${id}`] = [l.points, Math.round(l.money * 100)];
  };
  add('c:', result.scorecards.consultants);
  add('t:', result.scorecards.teams);
  return out;
}

describe('what-if through the store, on the demo month', () => {
  let store: RulecardStore;
  let v2Source: string;
  let corrected: string;
  before(async () => {
    ({ store } = await freshStore());
    const people = JSON.parse(await text('/examples/data/people.json')).people as {
      id: string;
      name: string;
      role: 'consultant' | 'lead' | 'manager';
      team?: string;
      joined: string;
    }[];
    const roster = JSON.parse(await text('/examples/data/roster.json')) as { teams: { id: string; name: string }[] };
    for (const t of roster.teams) await store.putTeam({ id: t.id, name: t.name });
    await store.putTeam({ id: 'office', name: '客户服务中心' });
    for (const p of people) await store.putMember({ id: p.id, name: p.name, teamId: p.team ?? 'office', role: p.role, joinedOn: p.joined });
    const clinic = await text('/examples/rulebooks/clinic.rules');
    await store.publishRulebook({ source: clinic, author: 'm01', effectiveFrom: '2026-11-01', confirmPastDate: true });
    // Mid-month: impolite wording costs 3 points instead of 2 from the 15th.
    v2Source = clinic.replace('impolite_wording "礼貌用语不规范": -2 每次', 'impolite_wording "礼貌用语不规范": -3 每次');
    expect(v2Source).to.not.equal(clinic);
    await store.publishRulebook({ source: v2Source, author: 'm01', effectiveFrom: '2026-11-15', confirmPastDate: true });
    const generated = JSON.parse(await text('/examples/data/events-2026-11.json')) as StoredEvent[];
    const stamp = '2026-12-01T00:00:00.000Z';
    const events = generated.map((e) => ({
      ...e,
      day: e.at.slice(0, 10),
      origin: 'manual',
      rev: 1,
      recordedBy: 'm01',
      createdAt: stamp,
      updatedAt: stamp,
    }));
    const empty = { teams: [], members: [], rulebookVersions: [], drafts: [], callLogs: [], callLogHistory: [], periods: [], changes: [] };
    await store.importJson(
      { format: 'rulecard-store/1', schemaVersion: 3, exportedAt: stamp, timezone: 'Asia/Shanghai', records: { ...empty, events } },
      { mode: 'merge' },
    );
    // An accepted appeal: the first penalty line of c02 is reversed.
    const { scorecards } = await store.score({ consultant: 'c02' }, NOV);
    const line = scorecards.consultants.c02.lines.find((l) => l.points < 0 && l.events.length > 0)!;
    const appeal = await store.openAppeal(
      { consultant: 'c02', period: NOV, line, reason: '录音核实有误' },
      { by: 'c02', role: 'consultant' },
    );
    await store.decideAppeal(appeal.id, { decision: 'accept', expectedRev: 1 }, { by: 'm01', role: 'manager' });
    corrected = appeal.correctionId ?? `${appeal.id}.correction`;
  });
  after(() => store.close());

  it('with the published text as the draft, agrees with the scorecard to the fen, correction and version change included', async () => {
    const published = await store.score({ all: true }, NOV);
    expect(published.versions.map((v) => [v.version, v.days])).to.deep.equal([
      [1, { from: '2026-11-01', to: '2026-11-14' }],
      [2, { from: '2026-11-15', to: '2026-11-30' }],
    ]);
    expect(published.scorecards.consultants.c02.lines.filter((l) => l.rule === CORRECTION_RULE).map((l) => l.events[0])).to.deep.equal([
      corrected,
    ]);
    const whatIf = await store.score({ all: true }, NOV, { rulebook: { source: v2Source, effectiveFrom: '2026-11-15' } });
    expect(whatIf.scorecards).to.deep.equal(published.scorecards);
    expect(totals(whatIf)).to.deep.equal(totals(published));
    expect(whatIf.versions.map((v) => [v.version, v.days, v.draft ?? false])).to.deep.equal([
      [1, { from: '2026-11-01', to: '2026-11-14' }, false],
      [3, { from: '2026-11-15', to: '2026-11-30' }, true],
    ]);
    // A consultant's and a team's scorecard agree with the department's what-if.
    const c02 = await store.score({ consultant: 'c02' }, NOV, { rulebook: { source: v2Source, effectiveFrom: '2026-11-15' } });
    expect(c02.scorecards.consultants.c02).to.deep.equal(published.scorecards.consultants.c02);
    const net = await store.score({ team: 'net' }, NOV, {
      rulebook: { compiled: (await store.getRulebookVersion('default', 2))!.compiled, effectiveFrom: '2026-11-15' },
    });
    expect(net.scorecards.teams.net).to.deep.equal(published.scorecards.teams.net);
  });

  it('a different draft changes exactly the days it governs; the correction stays', async () => {
    const published = await store.score({ all: true }, NOV);
    const draft = v2Source.replace('impolite_wording "礼貌用语不规范": -3 每次', 'impolite_wording "礼貌用语不规范": -4 每次');
    const whatIf = await store.score({ all: true }, NOV, { rulebook: { source: draft, effectiveFrom: '2026-11-15' } });
    // Each impolite wording from the 15th costs one point (10 yuan) more; nothing else moves.
    const late = await store.listEvents({ all: true }, { from: '2026-11-15', to: '2026-11-30' }, ['impolite_wording']);
    const early = await store.listEvents({ all: true }, { from: '2026-11-01', to: '2026-11-14' }, ['impolite_wording']);
    expect([late.length > 0, early.length > 0]).to.deep.equal([true, true]);
    const expected = totals(published);
    for (const ev of late) {
      expected[`c:${ev.consultant}`] = [expected[`c:${ev.consultant}`][0] - 1, expected[`c:${ev.consultant}`][1] - 1000];
    }
    expect(totals(whatIf)).to.deep.equal(expected);
    expect(whatIf.scorecards.consultants.c02.lines.filter((l) => l.rule === CORRECTION_RULE).map((l) => l.events[0])).to.deep.equal([
      corrected,
    ]);
  });

  it('a draft with errors comes back as validation with the diagnostics', async () => {
    const err = await expectError(
      store.score({ all: true }, NOV, { rulebook: { source: 'impolite_wording: -2 每 星期八' } }),
      'validation',
    );
    expect(err.fields.map((f) => `${f.field}:${f.reason}`)).to.deep.equal(['rulebook.source:rulebook-errors']);
    expect((err.details.diagnostics as { severity: string }[]).length).to.be.greaterThan(0);
  });
});
