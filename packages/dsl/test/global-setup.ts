import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The CLI tests run the real binary, which runs the built package. */
export default function setup(): void {
  const root = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'packages/dsl/tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
