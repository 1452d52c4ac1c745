#!/usr/bin/env node
// `npm start`: the department's server (packages/server, demo mode: PGlite in .data/, the demo department
// seeded there, demo tokens for the role switcher) and the demo clinic portal on the vite dev server, one
// command, one URL (http://127.0.0.1:5173/): the dev server passes /api/… to the server. Each browser keeps an
// offline copy and syncs with the server; without the server (a static build), the portal seeds its own copy.
// Ports: PORT=5174 (the portal), API_PORT=8788 (the server).
import { spawn } from 'node:child_process';
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.PORT ? Number(process.env.PORT) : undefined;
const apiPort = process.env.API_PORT ?? '8787';

const api = spawn(process.execPath, [`${root}packages/server/bin/server.js`, '--demo', '--port', apiPort, '--data', `${root}.data`], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, API_PORT: apiPort, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
let stopping = false;
api.on('exit', (code) => {
  if (stopping) return;
  console.error(
    `npm start: the server stopped (exit ${code}); the portal works on offline (Ctrl+C to stop). Port ${apiPort} taken? Try API_PORT=8788 npm start.`,
  );
});
const stop = () => {
  stopping = true;
  api.kill('SIGTERM');
};
process.on('exit', stop);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stop();
    process.exit(0);
  });
}

// The server answers /health when its database is ready (the demo department is seeded at its first start).
for (let i = 0; i < 120; i++) {
  const ok = await fetch(`http://127.0.0.1:${apiPort}/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok || api.exitCode !== null) break;
  await new Promise((r) => setTimeout(r, 500));
}

process.env.API_PORT = apiPort;
const server = await createServer({
  configFile: `${root}vite.config.ts`,
  server: port ? { port } : {},
});
try {
  await server.listen();
} catch (e) {
  console.error(`npm start: ${e instanceof Error ? e.message : e}. Another \`npm start\` running? Try PORT=5174 npm start.`);
  await server.close();
  stop();
  process.exit(1);
}
console.log('\n  rulecard demo portal (明澜医疗美容医院 · 客户服务中心), with the department server (data in .data/)');
server.printUrls();
console.log('  Ctrl+C to stop.\n');
