/**
 * Rulebook versions (immutable, numbered, with an effective date) and
 * editors' autosaved drafts; which version is in effect on which day.
 *
 * Rule: on a day `d`, the version in effect is the *highest version number*
 * whose `effectiveFrom` is on or before `d` — a later publication supersedes
 * earlier ones from its effective date on, even if it is backdated. A
 * withdrawn version (`withdrawRulebook`, only before its effective date) is
 * never in effect; it stays in the history.
 *
 * Publishing checks the effective date against the store's clock in its
 * time zone: today or later, or an earlier day only with
 * `confirmPastDate: true` (the manager saw that days already shown will be
 * rescored).
 *
 * Publishing, withdrawing and drafts are in `rulebook-writes.ts`, loaded with the store's write methods.
 *
 * @module
 */
import type { StoreAdapter } from './adapter.js';
import { addDays } from '@rulecard/dsl/calendar';
import type { RulebookVersion, VersionState } from './types.js';

export const DEFAULT_RULEBOOK = 'default';

export async function listVersions(adapter: StoreAdapter, rulebookId: string): Promise<RulebookVersion[]> {
  return adapter.query('rulebookVersions', { lower: [rulebookId, 0], upper: [rulebookId, Number.MAX_SAFE_INTEGER] });
}

/** The version in effect on `day` (see module doc): withdrawn versions never are. */
export function inEffect(versions: RulebookVersion[], day: string): RulebookVersion | undefined {
  let best: RulebookVersion | undefined;
  for (const v of versions) if (!v.withdrawn && v.effectiveFrom <= day && (!best || v.version > best.version)) best = v;
  return best;
}

/** Where each version stands on `today` (see {@link VersionState}). */
export function versionStates(versions: RulebookVersion[], today: string): VersionState[] {
  const current = inEffect(versions, today);
  return versions.map((v) => {
    if (v.withdrawn) return 'withdrawn';
    if (v === current) return 'in-force';
    // In force some day after today: no later (higher) live version starts on or before its date.
    const covered = versions.some((w) => !w.withdrawn && w.version > v.version && w.effectiveFrom <= v.effectiveFrom);
    return v.effectiveFrom > today && !covered ? 'scheduled' : 'past';
  });
}

/** Consecutive day ranges of `[from, to]` and the version in effect on each (`null`: none). */
export function timeline(
  versions: RulebookVersion[],
  from: string,
  to: string,
): { version: RulebookVersion | null; from: string; to: string }[] {
  // Change points: effective dates inside the period.
  const points = [
    ...new Set(
      versions
        .filter((v) => !v.withdrawn)
        .map((v) => v.effectiveFrom)
        .filter((d) => d > from && d <= to),
    ),
  ].sort();
  const starts = [from, ...points];
  const out: { version: RulebookVersion | null; from: string; to: string }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const segFrom = starts[i];
    const segTo = i + 1 < starts.length ? addDays(starts[i + 1], -1) : to;
    const v = inEffect(versions, segFrom) ?? null;
    const last = out.at(-1);
    if (last && last.version === v) last.to = segTo;
    else out.push({ version: v, from: segFrom, to: segTo });
  }
  return out;
}
