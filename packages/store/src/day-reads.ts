/**
 * Reading the adapter's day records: the logical `callLogs` over `logDays` (`log-days.ts`) and events over
 * `eventDays` (`event-days.ts`). Apart from their writers, which load with the adapter's first commit
 * (`idb-commit.ts`): a page that only reads does not download them.
 *
 * @module
 */
import type { Query } from './adapter.js';
import { keyRange, type TxStore } from './idb-tx.js';
import type { LogDay } from './schema.js';
import type { CallLog, StoredEvent } from './types.js';

const byId = (a: CallLog, b: CallLog): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The logs of the day records `found`, once each, inside `range` of `key(log)` when given. */
function logsOfDays(found: LogDay[], range?: IDBKeyRange, key?: (log: CallLog) => string | undefined): CallLog[] {
  const seen = new Set<string>();
  const rows: CallLog[] = [];
  for (const d of found) {
    for (const log of Object.values(d.logs)) {
      if (seen.has(log.id)) continue;
      if (key) {
        const k = key(log);
        if (k === undefined || (range && !range.includes(k))) continue;
      }
      seen.add(log.id);
      rows.push(log);
    }
  }
  return rows;
}

/** The logical `callLogs` reads over the `logDays` records. */
export function readLogs(days: TxStore<'logDays'>, q: Query<'callLogs'>, then: (rows: CallLog[]) => void): void {
  const range = keyRange(q);
  if (q.index === 'by-consultant-date') {
    days.getAll(range, (found) => then(found.flatMap((d) => Object.values(d.logs))));
  } else if (q.index === 'by-follow-up-due') {
    days.getAllFromIndex('by-due', range, (found) => {
      const rows = logsOfDays(found, range, (log) => log.followUpDueAt);
      rows.sort((a, b) => (a.followUpDueAt! < b.followUpDueAt! ? -1 : a.followUpDueAt! > b.followUpDueAt! ? 1 : 0));
      then(rows);
    });
  } else if (range) {
    // A primary-key (id) range.
    days.getAllFromIndex('by-id', range, (found) => then(logsOfDays(found, range, (log) => log.id).sort(byId)));
  } else {
    days.getAll(undefined, (found) => then(found.flatMap((d) => Object.values(d.logs)).sort(byId)));
  }
}

/** The events of `eventDays` records (a `by-consultant-day` range read). */
export function readEventDays(days: TxStore<'eventDays'>, range: IDBKeyRange | undefined, then: (rows: StoredEvent[]) => void): void {
  days.getAll(range, (found) => then(found.flatMap((d) => Object.values(d.events))));
}
