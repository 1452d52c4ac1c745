// The built package (`dist`, what `import '@rulecard/store'` resolves to in Node) runs the domain in Node 20 with
// no browser API: the server of record's use.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const here = __dirname;

describe('@rulecard/store in Node', () => {
  it('runs a month of domain calls with a non-IndexedDB adapter, replays them by name from JSON, never touching a browser global', () => {
    const run = spawnSync(process.execPath, ['--import', './no-browser.mjs', 'flow.mjs'], { cwd: here, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toEqual({
      frozen: true,
      c1: [1, 10],
      lines: [
        ['rude_attitude', -8, -80, 'E1'],
        ['booking', 1, 10, 'L1~booking'],
        ['rulecard_correction', 8, 80, 'A1.correction E1'],
      ],
      sameScore: true,
      sameIds: true,
      ids: {
        appeals: ['A1'],
        callLogHistory: ['L1@2'],
        callLogs: ['L1'],
        changes: [],
        drafts: [],
        events: ['A1.correction', 'E1'],
        formDrafts: [],
        members: ['c1', 'c2', 'm1'],
        periods: ['2026-11'],
        rulebookVersions: ['default@1', 'default@2'],
        teams: ['t1'],
      },
      restored: true,
      contact: '138****5678',
      due: '2026-11-03T10:00:00+08:00',
      formAge0: ['age'],
      persistence: { where: 'elsewhere', supported: false, persisted: true },
      roster: {
        teams: [{ id: 't1', name: '网络咨询组', members: ['c1', 'c2'], lead: 'c2' }],
        members: [
          { id: 'c1', name: '王芳', role: 'consultant', joined: '2026-01-01', left: null },
          { id: 'c2', name: '李娜', role: 'lead', joined: '2026-02-01', left: null, pay: { bonus: 1200.5 } },
        ],
      },
      history: [
        [1, 'in-force', null],
        [2, 'withdrawn', '发布错了'],
      ],
    });
  });
});
