/**
 * The types of `store.connect()`: syncing the browser's replica with the
 * server of record (docs/sync.md).
 *
 * @module
 */
import type { SyncIssue } from './outbox.js';

export type { OutboxEntry, SyncIssue } from './outbox.js';

export interface ConnectOptions {
  /** The server's base URL (`https://…/api`, or `''`/`/` for the page's origin). */
  url: string;
  /**
   * A bearer token (JWT) of the signed-in member, fetched again whenever one is needed (default: the
   * provider given to `configureSync`, how a page gives the token to the elements' own store).
   */
  getToken?: () => string | Promise<string>;
  /** Pull at least this often without a poke (default 30 s). */
  pollMs?: number;
}

/** A running connection. */
export interface SyncConnection {
  /** Stop pushing and pulling (writes are still recorded, and pushed on the next connect). */
  disconnect(): void;
  /** Push and pull now; resolves after that cycle (the leader tab's; another tab only asks the leader). */
  syncNow(): Promise<void>;
}

/** What a sync-status display shows. */
export interface SyncState {
  /** `connect()` was called in this page. */
  connected: boolean;
  /** This tab pushes and pulls (one tab per browser profile does). */
  leader: boolean;
  /** The browser says it is online, and the last request reached the server. */
  online: boolean;
  /** When the last pull was applied (ISO instant), if ever. */
  lastSyncedAt?: string;
  /** Calls not yet acknowledged by the server. */
  pending: number;
  /** When the oldest of them was made (ISO instant). */
  oldestPendingAt?: string;
  /** Edits the server refused because the record changed in between: the losing edit is kept here. */
  conflicts: number;
  /** Calls the server refused for another reason (rights, validation). */
  rejected: number;
  /** The browser may evict the data (storage not persistent). */
  persisted: boolean;
  /** The server's clock minus this device's (ms), from the last response. */
  clockSkewMs?: number;
  /** The last failure's code (`offline`, `unauthorized`, `server`…), cleared by a successful cycle. */
  error?: string;
}

export type SyncListener = (state: SyncState) => void;

export type { SyncIssue as SyncIssueRecord };
