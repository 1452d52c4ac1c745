/**
 * `argsEqual` for `@lit/task` tasks whose first argument is the store: the
 * store by identity (a live object with a connection, not a value), every
 * other argument as a value (`deepArrayEquals` of `@lit/task`), so a subject
 * (`{ consultant: 'c01' }`) or a period (`{ from, to }`) built afresh on each
 * render does not re-run the task.
 *
 * @example
 * ```ts
 * private readonly data = new Task(this, {
 *   task: async ([store, subject, period]) => store?.listCallLogs(subject, period),
 *   args: () => [this.activeStore, this.subject, this.period] as const,
 *   argsEqual: storeThenValues,
 * });
 * ```
 */
import { deepArrayEquals } from '@lit/task/deep-equals.js';

export function storeThenValues(previous: readonly unknown[], next: readonly unknown[]): boolean {
  return previous[0] === next[0] && deepArrayEquals(previous.slice(1), next.slice(1));
}
