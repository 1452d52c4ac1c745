/**
 * The call-log statistics (the Tuesday report of the seeds: last week's and
 * this month's consultations), counted by age band, project, region, source
 * and channel. Pure; `store.callLogStats(subject, range)` reads the logs.
 *
 * @module
 */
import { ageBand, AGE_BANDS, type AgeBand } from './call-log-basics.js';
import type { CallChannel, CallLogFields } from './types.js';

/** Counts of the logs of a range. Value lists are sorted by count (descending), then by value; `''`: not given. */
export interface CallLogStats {
  total: number;
  /** Every band, in {@link AGE_BANDS} order (0 when none). */
  age: [AgeBand, number][];
  project: [string, number][];
  region: [string, number][];
  source: [string, number][];
  channel: [CallChannel, number][];
}

function countBy<K extends string>(logs: readonly CallLogFields[], key: (l: CallLogFields) => K): [K, number][] {
  const counts = new Map<K, number>();
  for (const l of logs) {
    const k = key(l).trim() as K;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The statistics of `logs`. */
export function countCallLogs(logs: readonly CallLogFields[]): CallLogStats {
  const age = new Map<AgeBand, number>(AGE_BANDS.map((b) => [b, 0]));
  for (const l of logs) age.set(ageBand(l.age), (age.get(ageBand(l.age)) ?? 0) + 1);
  return {
    total: logs.length,
    age: [...age],
    project: countBy(logs, (l) => l.project ?? ''),
    region: countBy(logs, (l) => l.region ?? ''),
    source: countBy(logs, (l) => l.source ?? ''),
    channel: countBy(logs, (l) => l.channel),
  };
}
