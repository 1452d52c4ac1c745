import type { BoardMessages } from './board-zh-CN.js';

/** The leads' and managers' board strings, English. */
export const boardEn: BoardMessages = {
  leaderboard: 'Leaderboard',
  exportCsv: 'Export lines (CSV, for payroll)',
  exportFile: (scope, period) => `scorecard-${scope}-${period}.csv`,
  everyone: 'everyone',
  exportFailed: (reason) => `Export failed: ${reason}`,
  closingTitle: 'Month closing',
  monthOpen: (month) => `${month} is open. Closing freezes its scores; later changes adjust the next month.`,
  monthNotOver: (month, lastDay) => `${month} is not over yet; it can be closed from ${lastDay}.`,
  monthClosed: (month, at, by) => `${month} was closed on ${at} by ${by}.`,
  closeMonth: 'Close the month…',
  reopenMonth: 'Reopen…',
  closeNote: 'Note (optional)',
  reopenReason: 'Reason for reopening (required)',
  confirmClose: (month) => `Close ${month}`,
  confirmReopen: (month) => `Reopen ${month}`,
  reopenNeedsReason: 'Give a reason for reopening',
  rank: 'Rank',
  consultant: 'Consultant',
  accept: 'Accept and correct',
  reject: 'Reject',
  decisionReason: 'Decision note',
  rejectNeedsReason: 'A rejection needs a reason',
};
