#!/usr/bin/env node
// `npm start`: the demo clinic portal on the vite dev server (http://127.0.0.1:5173/).
// Works offline: the demo data (roster, clinic.rules, a month of events) is bundled and
// seeded into the browser's IndexedDB on first load. Port: PORT=5174 npm start.
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
const server = await createServer({
  configFile: `${root}vite.config.ts`,
  server: port ? { port } : {},
});
try {
  await server.listen();
} catch (e) {
  console.error(`npm start: ${e instanceof Error ? e.message : e}. Another \`npm start\` running? Try PORT=5174 npm start.`);
  await server.close();
  process.exit(1);
}
console.log('\n  rulecard demo portal (明澜医疗美容医院 · 客户服务中心)');
server.printUrls();
console.log('  Ctrl+C to stop.\n');
