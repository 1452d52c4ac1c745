/** `<rulecard-incident>` strings, zh-CN (source of truth for the keys). */
export const zhCN = {
  title: '记录考评事件',
  type: '事件类型',
  chooseType: '请选择事件类型',
  consultant: '咨询员',
  chooseConsultant: '请选择咨询员',
  at: '发生时间',
  amount: '金额（元）',
  note: '说明',
  save: '保存事件',
  saved: (type: string, who: string) => `已记录：${who} · ${type}`,
  ruleTextLabel: '规则原文',
  errors: {
    required: '此项必填',
    time: '请输入有效的日期和时间',
    future: '发生时间不能晚于现在',
    amount: '金额格式应为数字，最多两位小数',
    summary: (n: number) => `有 ${n} 处需要修改`,
  },
  noRulebook: '还没有发布的考评规则，请先发布规则',
  noMembers: '花名册为空，请先添加咨询员',
  recent: '最近记录',
  noRecent: '暂无记录',
  /** What one event costs or earns, e.g. `每次 -2 分（-¥20.00），集体 -1 分（-¥10.00）`. */
  perEventEffect: (amount: string) => `每次 ${amount}`,
  pointsAndMoney: (points: string, money: string) => `${points} 分（${money}）`,
  teamEffect: (amount: string) => `集体 ${amount}`,
  leadEffect: (amount: string) => `组长 ${amount}`,
  percentOfAmount: (percent: string) => `金额的 ${percent}%`,
  /** A share of a pay item (§9.4): `基本工资的 50%`, `日基本工资的 100%`. */
  percentOfPay: (percent: string, item: string, daily: boolean) => `${daily ? '日' : ''}${item}的 ${percent}%`,
  effectSeparator: '，',
};

export type IncidentMessages = typeof zhCN;
