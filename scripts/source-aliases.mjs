// Vite/rolldown aliases that build the workspace packages from their source, as the size scripts and the
// benches measure them: the packages' exports point at dist/ outside the "development" condition, which a
// production build does not set (so Lit stays in production mode).
//
//   import { sourceAliases } from '../../../scripts/source-aliases.mjs';
//   build({ resolve: { conditions: ['browser', 'module', 'import', 'default'], alias: sourceAliases() } });
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Every `@rulecard/dsl` and `@rulecard/store` entry and subpath → its source file. */
export function sourceAliases(root = repo) {
  return [
    {
      find: /^@rulecard\/dsl\/(evaluate|evaluate-v2|incremental|calendar|money|input)$/,
      replacement: join(root, 'packages/dsl/src/$1.ts'),
    },
    { find: /^@rulecard\/dsl$/, replacement: join(root, 'packages/dsl/src/index.ts') },
    { find: /^@rulecard\/store$/, replacement: join(root, 'packages/store/src/index.ts') },
    { find: /^@rulecard\/store\/csv$/, replacement: join(root, 'packages/store/src/csv-core.ts') },
    { find: /^@rulecard\/store\/open$/, replacement: join(root, 'packages/store/src/open.ts') },
    { find: /^@rulecard\/store\/memory$/, replacement: join(root, 'packages/store/src/memory-adapter.ts') },
    { find: /^@rulecard\/store\/(call-log-rules|line-rules|roster-rules)$/, replacement: join(root, 'packages/store/src/$1.ts') },
  ];
}
