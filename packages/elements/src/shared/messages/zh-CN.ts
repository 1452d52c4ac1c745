/** Shared strings, zh-CN (the default). Add a key here first; `en.ts` then fails to compile until it has it too. */
export const zhCN = {
  loading: '加载中…',
  loadFailed: (reason: string) => `加载失败：${reason}`,
  retry: '重试',
  empty: '暂无数据',
  save: '保存',
  cancel: '取消',
  close: '关闭',
  required: '必填',
  requiredMark: '（必填）',
  noStore: '未连接数据存储',
  notAllowed: '您没有查看此内容的权限',
  role: { consultant: '咨询员', lead: '组长', manager: '经理' },
  window: {
    day: (y: number, m: number, d: number) => `${y}年${m}月${d}日`,
    week: (y: number, w: number) => `${y}年第${w}周`,
    month: (y: number, m: number) => `${y}年${m}月`,
    quarter: (y: number, q: number) => `${y}年第${q}季度`,
    year: (y: number) => `${y}年`,
  },
  points: (n: string) => `${n} 分`,
  /** Labels of the flags the clinic rulebook sets (`flag …`); unknown flags show their id, humanised. */
  flagLabels: {
    forfeit_performance_pay: '扣除当月绩效金',
    no_best_employee_award: '取消优秀员工评选资格',
    supervisor_allowance_withheld: '主管扣除当月岗位津贴',
    written_warning: '书面警告',
    no_attendance_bonus: '取消当月全勤奖',
    not_rated_excellent: '当月考核不得评为优秀',
    dismissal_review: '待审辞退',
    low_average_spend: '人均消费不足，不发基本奖金',
    remove_supervisor: '连续三个月罚分达50分，免除职位',
  } as Partial<Record<string, string>>,
};

export type SharedMessages = typeof zhCN;
