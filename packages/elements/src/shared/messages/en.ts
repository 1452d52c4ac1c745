import type { SharedMessages } from './zh-CN.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Shared strings, English. Typed as the zh-CN table: a missing or extra key is a compile error. */
export const en: SharedMessages = {
  loading: 'Loading…',
  loadFailed: (reason) => `Could not load: ${reason}`,
  retry: 'Retry',
  empty: 'Nothing here yet',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  required: 'required',
  requiredMark: ' (required)',
  noStore: 'No data store connected',
  notAllowed: 'You are not allowed to see this',
  role: { consultant: 'Consultant', lead: 'Team lead', manager: 'Manager' },
  window: {
    day: (y, m, d) => `${d} ${MONTHS[m - 1]} ${y}`,
    week: (y, w) => `Week ${w}, ${y}`,
    month: (y, m) => `${MONTHS[m - 1]} ${y}`,
    quarter: (y, q) => `Q${q} ${y}`,
    year: (y) => String(y),
  },
  points: (n) => `${n} pts`,
  flagLabels: {
    forfeit_performance_pay: "Forfeits the month's performance pay",
    no_best_employee_award: 'Not eligible for best employee',
    supervisor_allowance_withheld: "Supervisor's allowance withheld",
    written_warning: 'Written warning',
    no_attendance_bonus: 'No attendance bonus',
    not_rated_excellent: 'Cannot be rated excellent this month',
    dismissal_review: 'Dismissal review',
    low_average_spend: 'Average spend too low: no base bonus',
    remove_supervisor: 'Removed as supervisor (three months over 50 points)',
  },
};
