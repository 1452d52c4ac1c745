/**
 * Rule id → label, English label and source text, from every rulebook version
 * a score used (or the one in effect): what the card shows beside its lines
 * and what names the rules of lines, appeals and corrections
 * (`shared/labels.ts`). The card and the manager's board both read it.
 */
import type { RulebookVersion, RulecardStore, ScoreResult } from '@rulecard/store';
import type { RuleInfo } from './model.js';

/** `inEffect`, read alongside the score, is usually the only version; any other is read afterwards. */
export async function ruleTexts(
  store: RulecardStore,
  result: ScoreResult,
  inEffect: RulebookVersion | undefined,
): Promise<Map<string, RuleInfo>> {
  const out = new Map<string, RuleInfo>();
  const versions = await Promise.all(
    result.versions.length
      ? result.versions.map((v) =>
          inEffect && inEffect.rulebookId === v.rulebookId && inEffect.version === v.version
            ? inEffect
            : store.getRulebookVersion(v.rulebookId, v.version),
        )
      : [inEffect],
  );
  for (const v of versions)
    for (const r of v?.compiled.rules ?? [])
      if (!out.has(r.id)) out.set(r.id, { label: r.label, ...(r.labels?.en ? { en: r.labels.en } : {}), text: r.text, compiled: r });
  return out;
}
