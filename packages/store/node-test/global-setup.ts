import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The Node tests run the built package (`dist`), as the server of record imports it. */
export default function setup(): void {
  const root = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'packages/store/tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
