#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another (they share 2 cores, so
// never in parallel), each printing its own table. Figures go in the README.
//   npm run bench               all
//   npm run bench -- dsl store  some (dsl, evaluate, incremental, v2, store, outbox, scorecard, editor, size, portal, server)
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const benches = {
  dsl: [process.execPath, ['packages/dsl/bench/dsl.bench.mjs']],
  // evaluate vs the fair baseline (issue 13 #1): +08:00 and Z months, in order and shuffled, interleaved, heap collected
  evaluate: [process.execPath, ['--expose-gc', 'packages/dsl/bench/evaluate.bench.mjs']],
  // one added call log → scorecard, from a warm evaluation (@rulecard/dsl/incremental), beside a full evaluate (issue 13 #4)
  incremental: [process.execPath, ['--expose-gc', 'packages/dsl/bench/incremental.bench.mjs']],
  // version 2 (issue 11): compile of the example books, a v1 book through the v2 entry, the v2 books on 1M events
  v2: [process.execPath, ['--expose-gc', 'packages/dsl/bench/v2.bench.mjs']],
  store: [process.execPath, ['packages/store/bench/run.mjs']],
  outbox: [process.execPath, ['packages/store/bench/outbox.mjs']],
  scorecard: [process.execPath, ['packages/elements/bench/run.mjs']],
  editor: [
    path.join(root, 'node_modules/.bin/web-test-runner'),
    [],
    { WTR_FILES: 'packages/elements/src/editor/bench/relint.browser-bench.ts' },
  ],
  size: [process.execPath, ['packages/elements/scripts/size.mjs']],
  // the built demo portal's first content on a cold profile, and the JS it fetched (issue 13 #5)
  portal: [process.execPath, ['examples/portal/bench/first-content.mjs']],
  server: [process.execPath, ['packages/server/bench/run.mjs']],
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benches);
let failed = 0;
for (const name of wanted) {
  const [cmd, args, env = {}] = benches[name] ?? [];
  if (!cmd) {
    console.error(`unknown bench ${name}: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name}`);
  const code = await new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    console.log(`(bench ${name} exited ${code})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
