/** The leads' and managers' board strings (leaderboard, export, decisions, month closing), zh-CN: loaded with the board only. */
export const boardZhCN = {
  leaderboard: '排行榜',
  exportCsv: '导出明细（CSV，用于工资核算）',
  exportFile: (scope: string, period: string) => `绩效明细-${scope}-${period}.csv`,
  everyone: '全员',
  exportFailed: (reason: string) => `导出失败：${reason}`,
  closingTitle: '月度结账',
  monthOpen: (month: string) => `${month}尚未结账。结账后积分冻结，之后的更改计入下月调整。`,
  monthNotOver: (month: string, lastDay: string) => `${month}尚未结束，${lastDay}起可以结账。`,
  monthClosed: (month: string, at: string, by: string) => `${month}已于 ${at} 由 ${by} 结账。`,
  closeMonth: '结账…',
  reopenMonth: '重新打开…',
  closeNote: '备注（可选）',
  reopenReason: '重新打开的原因（必填）',
  confirmClose: (month: string) => `确认结账（${month}）`,
  confirmReopen: (month: string) => `确认重新打开（${month}）`,
  reopenNeedsReason: '请填写重新打开的原因',
  rank: '名次',
  consultant: '咨询员',
  accept: '通过并更正',
  reject: '驳回',
  decisionReason: '处理意见',
  rejectNeedsReason: '驳回时必须填写理由',
};

export type BoardMessages = typeof boardZhCN;
