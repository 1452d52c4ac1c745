// What the dsl benches share: a process with `--expose-gc`, the repository root, medians, and the generated bench
// month (`scripts/generate-events.mjs`, 200 consultants, cached in the temp folder by size).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** Re-runs this bench with `--expose-gc` when started without (each timing follows a full collection). */
export function ensureGc() {
  if (typeof globalThis.gc === 'function') return;
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The files of the bench month of `nEvents` events (and its 200-consultant roster), generated once. */
export function benchMonthFiles(nEvents) {
  const eventsFile = path.join(tmpdir(), `rulecard-bench-events-${nEvents}.json`);
  const rosterFile = path.join(tmpdir(), 'rulecard-bench-roster-200.json');
  if (!existsSync(eventsFile) || !existsSync(rosterFile))
    execFileSync(
      process.execPath,
      [
        'scripts/generate-events.mjs',
        '--month',
        '2026-11',
        '--consultants',
        '200',
        '--events',
        String(nEvents),
        '--out',
        eventsFile,
        '--roster-out',
        rosterFile,
      ],
      { cwd: root, stdio: 'inherit' },
    );
  return { eventsFile, rosterFile };
}
