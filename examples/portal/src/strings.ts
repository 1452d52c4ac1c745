/** The portal's own strings (the elements carry theirs). zh-CN is the source of truth. */
export type Lang = 'zh-CN' | 'en';

const zhCN = {
  hospital: '明澜医疗美容医院',
  system: '内网门户 · 客户服务中心',
  modules: ['首页', '通知公告', '行政办公', '客服中心', '人事薪酬'],
  activeModule: 3,
  moduleDisabled: '演示中未启用',
  signedInAs: '模拟登录',
  signInNote: '演示：代替门户的登录',
  roleGroup: { consultant: '咨询员', lead: '组长', manager: '管理人员' },
  language: 'English',
  languageLabel: '切换到英文',
  menu: '客服中心',
  pages: {
    log: {
      nav: '咨询登记',
      title: '电话/网络咨询登记表',
      intro: '每次咨询结束后立即登记。必填项缺失的登记计为"咨询未详细登记"（−2 分）；承诺回复须在 30 分钟内完成。',
    },
    me: {
      nav: '我的考核',
      title: '我的考核',
      intro: '本月得分与绩效金额；每一行都可展开查看对应的考核细则条目和事件。对有异议的扣分可提出申诉。',
    },
    team: { nav: '团队考核', title: '团队考核', intro: '全组本月得分、排行榜和待处理的申诉。选择成员查看个人明细。' },
    incidents: {
      nav: '违规与表扬登记',
      title: '违规与表扬登记',
      intro: '记录抽查、违规、表扬、考勤等事件；保存前显示按现行细则的计分效果。',
    },
    rules: {
      nav: '考核细则',
      title: '考核细则（规则集）',
      intro: '编辑考核细则，用"模拟计算"对比本月按新旧细则的结果，确认后设定生效日期发布。',
    },
    roster: {
      nav: '花名册',
      title: '花名册',
      intro: '小组、组长和人员（岗位、入职和离职日期、薪资项、指标）。可逐个添加，也可从 Excel 或 CSV 导入整份名单。',
    },
  },
  teamPicker: '查看',
  wholeTeam: '全组',
  demo: '演示数据',
  demoNote: '数据只保存在本浏览器（IndexedDB）。',
  serverNote: '数据保存在科室服务器上，本浏览器保留一份可离线使用的副本。',
  reset: '重置演示数据',
  resetConfirm: '删除本浏览器中的所有登记、事件和细则版本，恢复为演示数据？',
  resetDone: '已恢复演示数据。',
  startEmpty: '清空，从头设置',
  startEmptyConfirm: '删除本浏览器中的所有数据（包括花名册和细则），像新诊所第一天一样从头设置？',
  startEmptyDone: '数据已清空：请按提示添加花名册并发布考核细则。',
  seeding: '正在准备演示数据…',
  seedFailed: (m: string) => `演示数据加载失败：${m}`,
  storeClosed: '数据库已在另一个标签页中升级，请刷新本页。',
  reload: '刷新',
  footer: '明澜医疗美容医院 信息科 · 演示环境',
  today: (d: string) => `今天 ${d}`,
};

export type Strings = typeof zhCN;

const en: Strings = {
  hospital: 'Minglan Aesthetic Hospital',
  system: 'Intranet · Customer Service Center',
  modules: ['Home', 'Notices', 'Office', 'Customer service', 'HR & pay'],
  activeModule: 3,
  moduleDisabled: 'Not part of the demo',
  signedInAs: 'Signed in as',
  signInNote: 'Demo: stands in for the portal sign-in',
  roleGroup: { consultant: 'Consultants', lead: 'Team leads', manager: 'Managers' },
  language: '中文',
  languageLabel: 'Switch to Chinese',
  menu: 'Customer service',
  pages: {
    log: {
      nav: 'Consultation log',
      title: 'Phone / online consultation log',
      intro:
        'Register every consultation right after it ends. An entry missing a required field counts as "not fully registered" (−2 points); a promised reply is due within 30 minutes.',
    },
    me: {
      nav: 'My scorecard',
      title: 'My scorecard',
      intro:
        "This month's points and performance pay; expand any line to see the rule and the events behind it. Appeal a deduction you disagree with.",
    },
    team: {
      nav: 'Team scorecard',
      title: 'Team scorecard',
      intro: "The team's points this month, the leaderboard and open appeals. Pick a member to see their details.",
    },
    incidents: {
      nav: 'Incidents & praise',
      title: 'Incidents & praise',
      intro: 'Record spot checks, infractions, praise and attendance; the effect under the rulebook in force is shown before saving.',
    },
    rules: {
      nav: 'Rulebook',
      title: 'Rulebook',
      intro:
        'Edit the rulebook, compare this month under the draft and the published version with what-if, then publish with an effective date.',
    },
    roster: {
      nav: 'Roster',
      title: 'Roster',
      intro:
        'Teams, leads and people (role, join and leave dates, pay items, targets). Add them one by one or import the whole list from Excel or CSV.',
    },
  },
  teamPicker: 'Show',
  wholeTeam: 'Whole team',
  demo: 'Demo data',
  demoNote: 'Data lives only in this browser (IndexedDB).',
  serverNote: "The department's data lives on its server; this browser keeps a copy that works offline.",
  reset: 'Reset demo data',
  resetConfirm: 'Delete every entry, event and rulebook version in this browser and restore the demo data?',
  resetDone: 'Demo data restored.',
  startEmpty: 'Start empty',
  startEmptyConfirm:
    'Delete everything in this browser (the roster and rulebook too) and set up from scratch, like a new clinic on its first day?',
  startEmptyDone: 'Everything was deleted: follow the steps to add the roster and publish a rulebook.',
  seeding: 'Preparing the demo data…',
  seedFailed: (m: string) => `Could not load the demo data: ${m}`,
  storeClosed: 'The database was upgraded in another tab; reload this page.',
  reload: 'Reload',
  footer: 'Minglan Aesthetic Hospital IT · demo environment',
  today: (d: string) => `Today ${d}`,
};

export const STRINGS: Record<Lang, Strings> = { 'zh-CN': zhCN, en };
