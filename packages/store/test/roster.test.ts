// The roster of language v2 in the store (issue 12 problem 1, issue 11): members with role, join and leave dates,
// pay items (integer fen) and targets, teams with their lead; validation with field reasons; removal of a mistake;
// a spreadsheet imported all or nothing; the v3 → v4 migration. Real IndexedDB in Chromium.
import { expect } from '@esm-bundle/chai';
import { checkRoster } from '@rulecard/dsl/input';
import { parseCsv } from '../src/csv-core.js';
import { openStore, type RulecardStore } from '../src/index.js';
import { databaseAt, expectError, freshName, freshStore, fullLog } from './helpers.js';

const manager = { by: 'm1', role: 'manager' as const };
const NOV = { from: '2026-11-01', to: '2026-11-30' };
const codes = (fields: { field: string; reason: string }[]) => fields.map((f) => `${f.field}:${f.reason}`);

describe('roster v2: pay items, targets, leads', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
    await store.putTeam({ id: 'net', name: '网络咨询组' }, manager);
    await store.putTeam({ id: 'office', name: '客户服务中心' }, manager);
  });
  afterEach(() => store.close());

  it('keeps pay items in fen and targets; getRoster speaks the language (yuan, joined/left, the lead)', async () => {
    await store.putMember(
      {
        id: 'c01',
        name: '王芳',
        teamId: 'net',
        role: 'lead',
        joinedOn: '2026-10-15',
        payFen: { bonus: 120050, base: 350000 },
        targets: { visits: 25, sales: 50000 },
      },
      manager,
    );
    await store.putMember(
      { id: 'c02', name: '李娜', teamId: 'net', role: 'consultant', joinedOn: '2026-01-05', leftOn: '2026-11-20' },
      manager,
    );
    await store.putMember({ id: 'm01', name: '陈主任', teamId: 'office', role: 'manager', joinedOn: '2025-01-01' }, manager);
    const team = await store.putTeam({ id: 'net', name: '网络咨询组', lead: 'c01' }, { ...manager, expectedRev: 1 });
    expect(team).to.deep.equal({ id: 'net', name: '网络咨询组', lead: 'c01', rev: 2 });
    expect((await store.getMember('c01'))?.payFen).to.deep.equal({ bonus: 120050, base: 350000 });
    // The department head leads the office "team" (a manager: listed in `members`, in no team's list).
    await store.putTeam({ id: 'office', name: '客户服务中心', lead: 'm01' }, { ...manager, expectedRev: 1 });
    // What the language reads: a valid v2 roster (LANGUAGE.md §9.1, as `rulecard score --roster` checks one).
    expect(checkRoster(await store.getRoster(NOV)).problems).to.deep.equal([]);
    expect(await store.getRoster(NOV)).to.deep.equal({
      teams: [
        { id: 'net', name: '网络咨询组', members: ['c01', 'c02'], lead: 'c01' },
        { id: 'office', name: '客户服务中心', members: [], lead: 'm01' },
      ],
      members: [
        {
          id: 'c01',
          name: '王芳',
          role: 'lead',
          joined: '2026-10-15',
          left: null,
          pay: { bonus: 1200.5, base: 3500 },
          targets: { visits: 25, sales: 50000 },
        },
        { id: 'c02', name: '李娜', role: 'consultant', joined: '2026-01-05', left: '2026-11-20' },
        { id: 'm01', name: '陈主任', role: 'manager', joined: '2025-01-01', left: null },
      ],
    });
  });

  it('refuses bad records field by field, and roster writes by anyone but a manager', async () => {
    const err = await expectError(
      store.putMember(
        {
          id: 'c09',
          name: '赵敏',
          teamId: 'net',
          role: 'consultant',
          joinedOn: '2026-11-10',
          leftOn: '2026-11-01',
          payFen: { bonus: 12.5, 'base pay': 100, allowance: -1 },
          targets: { visits: Number.NaN },
        },
        manager,
      ),
      'validation',
    );
    expect(codes(err.fields)).to.deep.equal([
      'leftOn:left-before-joined',
      'payFen.bonus:pay-fen',
      'payFen.base pay:roster-key',
      'payFen.allowance:pay-fen',
      'targets.visits:target-value',
    ]);
    expect(err.text('zh-CN')).to.include('离职日期不能早于入职日期');
    expect(err.text('en')).to.include('cannot be before the join date');
    const lead = await expectError(
      store.putTeam({ id: 'net', name: '网络咨询组', lead: 'nobody' }, { ...manager, expectedRev: 1 }),
      'validation',
    );
    expect(codes(lead.fields)).to.deep.equal(['lead:unknown-member']);
    const forbidden = await expectError(
      store.putMember({ id: 'c03', name: '张伟', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' }, { by: 'c01', role: 'lead' }),
      'forbidden',
    );
    expect(forbidden.details.reason).to.equal('managers-only');
    expect(await store.listMembers()).to.deep.equal([]);
  });

  it('removes a member added by mistake (clearing the lead she held), never one with records', async () => {
    await store.putMember({ id: 'c01', name: '王芳', teamId: 'net', role: 'lead', joinedOn: '2026-01-01' }, manager);
    await store.putMember({ id: 'c02', name: '李娜', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01' }, manager);
    await store.putTeam({ id: 'net', name: '网络咨询组', lead: 'c01' }, { ...manager, expectedRev: 1 });
    await store.createCallLog(fullLog({ consultant: 'c02' }), { by: 'c02' });
    const kept = await expectError(store.removeMember('c02', { ...manager, expectedRev: 1 }), 'validation');
    expect(codes(kept.fields)).to.deep.equal(['id:has-records']);
    await expectError(store.removeMember('c01', { ...manager, expectedRev: 7 }), 'conflict');
    await store.removeMember('c01', { ...manager, expectedRev: 1 });
    expect((await store.listMembers()).map((m) => m.id)).to.deep.equal(['c02']);
    expect(await store.listTeams()).to.deep.equal([
      { id: 'net', name: '网络咨询组', rev: 3 },
      { id: 'office', name: '客户服务中心', rev: 1 },
    ]);
    const full = await expectError(store.removeTeam('net', { ...manager, expectedRev: 3 }), 'validation');
    expect(codes(full.fields)).to.deep.equal(['id:has-members']);
    await store.removeTeam('office', { ...manager, expectedRev: 1 });
    expect((await store.listTeams()).map((t) => t.id)).to.deep.equal(['net']);
  });
});

describe('importRoster: a spreadsheet, all or nothing', () => {
  let store: RulecardStore;
  beforeEach(async () => {
    ({ store } = await freshStore());
  });
  afterEach(() => store.close());

  const HEADER = ['工号', '姓名', '小组', '岗位', '入职日期', '离职日期', '薪资:bonus', '指标:visits'];

  it('reports every bad row and column by the spreadsheet row, and writes nothing', async () => {
    const err = await expectError(
      store.importRoster(
        [
          HEADER,
          ['c01', '王芳', '网络咨询组', '组长', '2026/1/5', '', '1,200', '25'],
          ['c02', '', '网络咨询组', '护士', '2026-13-01', '', '12.345', 'many'],
          ['', '', '', '', '', '', '', ''],
          ['c01', '李娜', '电话咨询组', '咨询员', '2026年2月1日', '2026-01-01', '', ''],
        ],
        manager,
      ),
      'import-invalid',
    );
    expect(err.records.map((r) => [r.kind, r.index, r.id, codes(r.fields)])).to.deep.equal([
      ['row', 3, 'c02', ['薪资:bonus:pay-yuan', '指标:visits:target-value', '岗位:role-name', '入职日期:date', '姓名:required']],
      ['row', 5, 'c01', ['离职日期:left-before-joined', '工号:duplicate-id']],
    ]);
    expect(err.text('zh-CN')).to.include('岗位应为 咨询员、组长 或 管理者');
    expect(await store.listTeams()).to.deep.equal([]);
    expect(await store.listMembers()).to.deep.equal([]);
    const header = await expectError(store.importRoster([['工号', '姓名', '部门', '薪资:base pay']], manager), 'import-invalid');
    expect(header.records.map((r) => [r.kind, r.index, codes(r.fields)])).to.deep.equal([
      [
        'header',
        1,
        [
          '部门:unknown-column',
          '薪资:base pay:roster-key',
          '小组 / team:missing-column',
          '岗位 / role:missing-column',
          '入职日期 / joined:missing-column',
        ],
      ],
    ]);
    await expectError(store.importRoster([HEADER, HEADER.map(() => '')], { by: 'c01', role: 'consultant' }), 'forbidden');
  });

  it('creates the teams and their leads, keeps pay in fen, and updates by id (pay items without a column kept)', async () => {
    const result = await store.importRoster(
      [
        HEADER,
        ['c01', '王芳', '网络咨询组', '组长', '2026/1/5', '', '¥1,200.50', '25'],
        ['c02', '李娜', '网络咨询组', '咨询员', '2026年2月1日', '', '800', ''],
        ['c03', '张伟', '电话咨询组', 'consultant', '2026-03-01', '2026-11-15', '', '30%'],
      ],
      manager,
    );
    expect(result.teams).to.deep.equal([
      { id: '网络咨询组', name: '网络咨询组', rev: 1, lead: 'c01' },
      { id: '电话咨询组', name: '电话咨询组', rev: 1 },
    ]);
    expect(
      result.members.map((m) => [m.id, m.teamId, m.role, m.joinedOn, m.leftOn ?? null, m.payFen ?? null, m.targets ?? null]),
    ).to.deep.equal([
      ['c01', '网络咨询组', 'lead', '2026-01-05', null, { bonus: 120050 }, { visits: 25 }],
      ['c02', '网络咨询组', 'consultant', '2026-02-01', null, { bonus: 80000 }, null],
      ['c03', '电话咨询组', 'consultant', '2026-03-01', '2026-11-15', null, { visits: 30 }],
    ]);
    // The roster as exported is the template: reading it back changes nothing but the revisions.
    const csv = await store.exportRosterCsv({ locale: 'en' });
    expect(parseCsv(csv)[0]).to.deep.equal(['id', 'name', 'team', 'role', 'joined', 'left', 'pay:bonus', 'target:visits']);
    // A second file without the pay column: the name changes, the pay item stays.
    await store.importRoster(
      [
        ['id', 'name', 'team', 'role', 'joined'],
        ['c02', '李娜娜', '网络咨询组', 'consultant', '2026-02-01'],
      ],
      manager,
    );
    expect(await store.getMember('c02')).to.deep.equal({
      id: 'c02',
      name: '李娜娜',
      teamId: '网络咨询组',
      role: 'consultant',
      joinedOn: '2026-02-01',
      payFen: { bonus: 80000 },
      rev: 2,
    });
    await store.importRoster(parseCsv(csv), manager);
    expect((await store.getMember('c02'))?.name).to.equal('李娜');
    expect((await store.getRoster(NOV)).teams.find((t) => t.id === '网络咨询组')).to.deep.equal({
      id: '网络咨询组',
      name: '网络咨询组',
      members: ['c01', 'c02'],
      lead: 'c01',
    });
  });
});

describe('schema v4', () => {
  it('upgrades a v3 database: every team with one member of role lead gets her as its lead, nothing else changes', async () => {
    const name = await freshName('rc-v3');
    const v3 = await databaseAt(name, 3);
    await v3.put('teams', { id: 'net', name: '网络组', rev: 1 });
    await v3.put('teams', { id: 'phone', name: '电话组', rev: 4 });
    await v3.put('teams', { id: 'two', name: '两位组长', rev: 1 });
    for (const m of [
      { id: 'c1', name: '王芳', teamId: 'net', role: 'consultant', joinedOn: '2026-01-01', rev: 1 },
      { id: 'l1', name: '刘组长', teamId: 'net', role: 'lead', joinedOn: '2026-01-01', rev: 1 },
      { id: 'l2', name: '周组长', teamId: 'phone', role: 'lead', joinedOn: '2026-01-01', rev: 1 },
      { id: 'l3', name: '吴组长', teamId: 'two', role: 'lead', joinedOn: '2026-01-01', rev: 1 },
      { id: 'l4', name: '郑组长', teamId: 'two', role: 'lead', joinedOn: '2026-01-01', rev: 1 },
    ])
      await v3.put('members', m);
    v3.close();
    const store = await openStore({ name });
    expect(await store.listTeams()).to.deep.equal([
      { id: 'net', name: '网络组', rev: 2, lead: 'l1' },
      { id: 'phone', name: '电话组', rev: 5, lead: 'l2' },
      { id: 'two', name: '两位组长', rev: 1 },
    ]);
    expect((await store.listMembers()).length).to.equal(5);
    store.close();
  });
});
