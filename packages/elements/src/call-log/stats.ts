/** Weekly / monthly statistics of call logs (count by age band, content, region, source, channel). */
import type { CallLogView } from '@rulecard/store';

export type AgeBand = 'under20' | '20s' | '30s' | '40s' | '50plus' | 'unknown';
export const AGE_BANDS: readonly AgeBand[] = ['under20', '20s', '30s', '40s', '50plus', 'unknown'];

export function ageBand(age: number | undefined): AgeBand {
  if (age === undefined) return 'unknown';
  if (age < 20) return 'under20';
  if (age < 30) return '20s';
  if (age < 40) return '30s';
  if (age < 50) return '40s';
  return '50plus';
}

export interface CallLogStats {
  total: number;
  age: Map<AgeBand, number>;
  /** Keys are the typed values; `''` when not given. Sorted by count, descending. */
  project: [string, number][];
  region: [string, number][];
  source: [string, number][];
  channel: [string, number][];
}

function countBy(logs: CallLogView[], key: (l: CallLogView) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const l of logs) {
    const k = key(l).trim();
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function callLogStats(logs: CallLogView[]): CallLogStats {
  const age = new Map<AgeBand, number>(AGE_BANDS.map((b) => [b, 0]));
  for (const l of logs) age.set(ageBand(l.age), (age.get(ageBand(l.age)) ?? 0) + 1);
  return {
    total: logs.length,
    age,
    project: countBy(logs, (l) => l.project ?? ''),
    region: countBy(logs, (l) => l.region ?? ''),
    source: countBy(logs, (l) => l.source ?? ''),
    channel: countBy(logs, (l) => l.channel),
  };
}
