/**
 * Pokes: "pull now". A push NOTIFYs `{ branch, version }` on one channel in
 * its transaction (PostgreSQL delivers it on COMMIT, to every node LISTENing
 * on the database; PGlite inside the process); each node forwards it to the
 * `GET /poke` server-sent-event streams of that branch.
 *
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { Db } from '../db/db.js';

/** The SSE streams of this node, by branch. */
export class PokeHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private stopListening: (() => Promise<void>) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  /** Start forwarding the channel's notifications. */
  async start(db: Db, channel: string, heartbeatMs = 25_000): Promise<void> {
    this.stopListening = await db.listen(channel, (payload) => {
      try {
        const { branch, version } = JSON.parse(payload) as { branch: string; version: number };
        this.send(branch, 'poke', { version });
      } catch {
        // Not ours: ignore.
      }
    });
    this.heartbeat = setInterval(() => {
      for (const set of this.streams.values()) for (const res of set) res.write(': keep-alive\n\n');
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  /** Keep `res` open as an event stream of `branch` until the client goes. */
  add(branch: string, res: ServerResponse, version: number): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ version })}\n\n`);
    let set = this.streams.get(branch);
    if (!set) this.streams.set(branch, (set = new Set()));
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0 && this.streams.get(branch) === set) this.streams.delete(branch);
    });
  }

  /** How many streams are open (all branches). */
  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  private send(branch: string, event: string, data: unknown): void {
    for (const res of this.streams.get(branch) ?? []) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
    await this.stopListening?.();
    this.stopListening = null;
  }
}
