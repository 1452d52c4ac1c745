/**
 * One raw IndexedDB transaction, typed by the schema (`RulecardDB`): every
 * store name, key, value and index name a request uses is checked by the
 * compiler, as with `idb`'s own API, but requests stay callbacks (no promise
 * per request: a 30,000-record import is one transaction with one completion
 * callback).
 *
 * Steps of a commit that depend on earlier reads run with
 * {@link Tx.whenIdle}: IndexedDB answers a transaction's requests in the
 * order they were made, so once every read issued so far has answered, the
 * next step can use all of them.
 *
 * @module
 */
import type { IndexKey, IndexNames, StoreKey, StoreValue } from 'idb';
import type { KeyValue, RecordKeys, RecordTypes } from './adapter.js';
import { StoreError, toStoreError } from './errors.js';
import type { RulecardDB, StoreName } from './schema.js';
import type { RecordKind } from './types.js';

export type Value<N extends StoreName> = StoreValue<RulecardDB, N>;
export type Key<N extends StoreName> = StoreKey<RulecardDB, N>;

/** The logical kinds kept one record per object-store record, in the store of the same name (`callLogs` live in `logDays`). */
export type PlainKind = Exclude<RecordKind, 'callLogs'>;

// Compile-time proof that the adapter's record and key types are the schema's: a mismatch fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SchemaMatches = { [K in PlainKind]: Same<RecordTypes[K], Value<K>> & Same<RecordKeys[K], Key<K>> }[PlainKind];
export const SCHEMA_MATCHES: SchemaMatches = true;

/** An inclusive key range (`only`, `lower`, `upper`), or undefined for everything. */
export function keyRange(q: { only?: KeyValue; lower?: KeyValue; upper?: KeyValue }): IDBKeyRange | undefined {
  if (q.only !== undefined) return IDBKeyRange.bound(q.only, q.only); // one key (same as IDBKeyRange.only)
  if (q.lower !== undefined && q.upper !== undefined) return IDBKeyRange.bound(q.lower, q.upper);
  if (q.lower !== undefined) return IDBKeyRange.lowerBound(q.lower);
  if (q.upper !== undefined) return IDBKeyRange.upperBound(q.upper);
  return undefined;
}

/** See the module documentation. */
export class Tx {
  readonly raw: IDBTransaction;
  private firstError: StoreError | undefined;
  private pending = 0;
  private idle: (() => void)[] = [];
  private readonly finished: Promise<void>;

  private constructor(raw: IDBTransaction) {
    this.raw = raw;
    this.finished = new Promise((resolve, reject) => {
      raw.oncomplete = () => resolve();
      raw.onabort = () => reject(this.firstError ?? toStoreError(raw.error ?? new DOMException('Transaction aborted', 'AbortError')));
    });
  }

  /** A transaction over `names` (`StoreError` when the connection cannot start one). */
  static open(db: IDBDatabase, names: readonly StoreName[], mode: IDBTransactionMode): Tx {
    try {
      return new Tx(db.transaction([...new Set(names)], mode));
    } catch (e) {
      throw toStoreError(e);
    }
  }

  /** Resolves when the transaction commits; rejects with the first error (nothing is written). */
  done(): Promise<void> {
    return this.finished;
  }

  get failed(): boolean {
    return this.firstError !== undefined;
  }

  /** Abort the transaction with `error` (the first error wins). */
  fail(error: unknown): void {
    this.firstError ??= toStoreError(error);
    try {
      this.raw.abort();
    } catch {
      // already finished or aborting
    }
  }

  store<N extends StoreName>(name: N): TxStore<N> {
    return new TxStore(this, this.raw.objectStore(name), name);
  }

  /** Runs `step` once every read issued so far has answered (now, when none is pending). */
  whenIdle(step: () => void): void {
    if (this.pending === 0 && this.idle.length === 0) this.run(step);
    else this.idle.push(step);
  }

  /** Counts `request` as pending until it answers; `then` gets its result (errors abort the transaction). */
  track<R>(request: IDBRequest<R>, then: (result: R) => void): void {
    this.pending++;
    request.onsuccess = () => {
      this.pending--;
      if (!this.failed) this.run(() => then(request.result));
      while (this.pending === 0 && this.idle.length && !this.failed) this.run(this.idle.shift()!);
    };
  }

  /** Runs a step; an exception aborts the transaction with it. */
  private run(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.fail(e);
    }
  }
}

/** One object store of a {@link Tx}, typed by the schema. */
export class TxStore<N extends StoreName> {
  constructor(
    private readonly tx: Tx,
    private readonly raw: IDBObjectStore,
    readonly name: N,
  ) {}

  get(key: Key<N>, then: (value: Value<N> | undefined) => void): void {
    this.tx.track(this.raw.get(key) as IDBRequest<Value<N> | undefined>, then);
  }

  getAll(range: IDBKeyRange | undefined, then: (values: Value<N>[]) => void): void {
    this.tx.track(this.raw.getAll(range) as IDBRequest<Value<N>[]>, then);
  }

  getFromIndex<I extends IndexNames<RulecardDB, N>>(
    index: I,
    key: IndexKey<RulecardDB, N, I> & IDBValidKey,
    then: (value: Value<N> | undefined) => void,
  ): void {
    this.tx.track(this.raw.index(index).get(key) as IDBRequest<Value<N> | undefined>, then);
  }

  getAllFromIndex<I extends IndexNames<RulecardDB, N>>(index: I, range: IDBKeyRange | undefined, then: (values: Value<N>[]) => void): void {
    this.tx.track(this.raw.index(index).getAll(range) as IDBRequest<Value<N>[]>, then);
  }

  count(range: IDBKeyRange | undefined, then: (n: number) => void): void {
    this.tx.track(this.raw.count(range), then);
  }

  countFromIndex<I extends IndexNames<RulecardDB, N>>(index: I, range: IDBKeyRange | undefined, then: (n: number) => void): void {
    this.tx.track(this.raw.index(index).count(range), then);
  }

  put(value: Value<N>): void {
    this.raw.put(value);
  }

  /** Adds a new record; when one with its key exists, the transaction aborts with `duplicate()`. */
  add(value: Value<N>, duplicate: () => StoreError): void {
    const request = this.raw.add(value);
    request.onerror = (ev) => {
      ev.preventDefault();
      const err = toStoreError(request.error);
      this.tx.fail(err.code === 'duplicate' ? duplicate() : err);
    };
  }

  delete(key: Key<N>): void {
    this.raw.delete(key);
  }

  clear(): void {
    this.raw.clear();
  }
}
