import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** Newest modification time under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function build(config: string, output: string, sources: string[]): void {
  const out = path.join(root, output);
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(...sources.map((s) => newest(path.join(root, s))))) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: root, stdio: 'inherit' });
}

/** The process tests run `node packages/server`, which runs the built package (and the built DSL and store). */
export default function setup(): void {
  build('packages/dsl/tsconfig.build.json', 'packages/dsl/dist/index.js', ['packages/dsl/src']);
  build('packages/store/tsconfig.build.json', 'packages/store/dist/index.js', ['packages/store/src']);
  build('packages/server/tsconfig.build.json', 'packages/server/dist/cli.js', ['packages/server/src']);
}
