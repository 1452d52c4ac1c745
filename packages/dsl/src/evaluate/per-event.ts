/**
 * Per-event effects (`-8 per`, `2% of amount`, `team 5 yuan per`): one line
 * per consultant and day with events, and one per team and day naming its
 * members' events (resolved when the lines are read). Percentages are summed
 * per bucket during the scan.
 */
import { percentRational, toHundredths } from '../money.js';
import type { Step } from './context.js';
import { addLine } from './lines.js';
import type { Streams } from './scan.js';

/**
 * A team's events of a stream on day `d`: its members' events (those whose
 * team it is), member by member — filled in place at its final size.
 */
function teamDayIds(streams: Streams, slot: number, members: number[], teamOf: number[], ti: number, d: number, n: number): string[] {
  const off = streams.offsets[slot];
  const slotIds = streams.ids[slot];
  const nDays = streams.nDays;
  const ids = new Array<string>(n);
  let j = 0;
  for (const ci of members) {
    if (teamOf[ci] !== ti) continue;
    const bucket = ci * nDays + d;
    for (let k = off[bucket]; k < off[bucket + 1]; k++) ids[j++] = slotIds[k];
  }
  return ids;
}

export const perEvent: Step = {
  stage: 0,
  plan(rule, _ri, setup) {
    if (rule.eventType === undefined || !rule.effects.length) return undefined;
    const slot = setup.registry.stream(rule.eventType, rule.where);
    // Percent effects: summed during the scan, per bucket, into [personal, team].
    const pct: Float64Array[] = rule.effects.some((e) => e.kind === 'percent')
      ? [new Float64Array(setup.registry.nB), new Float64Array(setup.registry.nB)]
      : [];
    for (const e of rule.effects)
      if (e.kind === 'percent') setup.registry.sumPercent(slot, pct[e.target === 'team' ? 1 : 0], ...percentRational(e.value));
    let pCenti = 0;
    let pFen = 0;
    let tCenti = 0;
    let tFen = 0;
    let pNeg = 0;
    let tNeg = 0;
    for (const eff of rule.effects) {
      const team = eff.target === 'team';
      if (eff.kind === 'points') {
        const c = toHundredths(eff.value);
        if (team) {
          tCenti += c;
          tNeg += Math.min(0, c);
        } else {
          pCenti += c;
          pNeg += Math.min(0, c);
        }
      } else if (eff.kind === 'fen') team ? (tFen += eff.value) : (pFen += eff.value);
    }
    const hasPersonal = rule.effects.some((e) => e.target !== 'team');
    const hasTeam = rule.effects.some((e) => e.target === 'team');

    return ({ streams, teams, teamMembers, teamOf, nDays, calendar, personal, teamBooks }) => {
      const off = streams.offsets[slot];
      const pctP = pct.length ? pct[0] : undefined;
      const pctT = pct.length ? pct[1] : undefined;
      // A consultant's lines go to their book (in day order), their events to their team's day (teamOf);
      // consultants without events of the stream are skipped whole.
      const teamN = hasTeam ? new Int32Array(teams.length * nDays) : undefined;
      const teamPct = hasTeam && pctT ? new Float64Array(teams.length * nDays) : undefined;
      /** The rule's line of `n` events on day `d` (points each `centi`/`neg` hundredths, `fen` in all). */
      const dayLine = (d: number, n: number, centi: number, neg: number, fen: number, events: () => string[]) => ({
        rule,
        window: calendar.days[d].date,
        day: d,
        count: n,
        centi: centi * n,
        neg: neg * n,
        fen,
        events,
        range: rule.range,
      });
      for (let ci = 0; ci < personal.length; ci++) {
        const base = ci * nDays;
        if (off[base] === off[base + nDays]) continue;
        const tBase = teamOf[ci] * nDays;
        for (let d = 0; d < nDays; d++) {
          const bucket = base + d;
          const n = off[bucket + 1] - off[bucket];
          if (n === 0) continue;
          if (hasPersonal) {
            addLine(
              personal[ci],
              dayLine(d, n, pCenti, pNeg, pFen * n + (pctP ? pctP[bucket] : 0), () => streams.idsOfDay(slot, bucket)),
            );
          }
          if (teamN) {
            teamN[tBase + d] += n;
            if (teamPct && pctT) teamPct[tBase + d] += pctT[bucket];
          }
        }
      }
      if (!teamN) return;
      for (let ti = 0; ti < teams.length; ti++) {
        for (let d = 0; d < nDays; d++) {
          const n = teamN[ti * nDays + d];
          if (n === 0) continue;
          const day = d;
          const team = ti;
          addLine(
            teamBooks[ti],
            dayLine(d, n, tCenti, tNeg, tFen * n + (teamPct ? teamPct[ti * nDays + d] : 0), () =>
              teamDayIds(streams, slot, teamMembers[team], teamOf, team, day, n),
            ),
          );
        }
      }
    };
  },
};
