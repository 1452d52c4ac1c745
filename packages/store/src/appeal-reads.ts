/**
 * Reading appeals (申诉): what a scorecard lists, without the code that opens and decides them (`appeals.ts`,
 * loaded with the store's write methods).
 *
 * @module
 */
import type { DayRange, Subject } from './api.js';
import { validRange, type StoreCore } from './internal.js';
import type { Appeal } from './types.js';

/** Appeals of the subject's consultants filed on days of `range`, oldest first. */
export async function listAppeals(core: StoreCore, subject: Subject, range: DayRange): Promise<Appeal[]> {
  validRange(range);
  const members = await core.subjectMembers(subject, range);
  return appealsOf(core, members, range);
}

/** Appeals of some consultants' days (one read transaction), oldest first. */
export async function appealsOf(core: StoreCore, consultants: string[], range: DayRange): Promise<Appeal[]> {
  const appeals = await core.adapter.queryMany(
    'appeals',
    consultants.map((m) => ({ index: 'by-consultant-day' as const, lower: [m, range.from], upper: [m, range.to] })),
  );
  return appeals.sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
