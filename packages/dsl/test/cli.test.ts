import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './cli-helpers.js';
import { roster } from './helpers.js';

const { dir, file } = scratch('rulecard-cli-');

const RULES = file('canonical.rules', 'rude_attitude: -8 per; >2 => personal -12, team -12\n');
const ROSTER = file('roster.json', JSON.stringify(roster));
const events = [1, 2, 3].map((i) => ({ id: `p${i}`, type: 'rude_attitude', consultant: 'li', at: `2026-11-09T0${i}:00:00+08:00` }));

describe('rulecard CLI (the real binary)', () => {
  it('check: clean file exits 0; a typo exits 1 with a located, localised message', async () => {
    expect((await cli('check', RULES)).code).toBe(0);
    const bad = file('typo.rules', 'x: -8 per; >2 => personel -12\n');
    const en = await cli('check', bad, '--locale', 'en');
    expect(en.code).toBe(1);
    expect(en.out).toContain(`${bad}:1:18: error [unknown-keyword] unknown keyword \`personel\` — did you mean \`personal\`?`);
    const zh = await cli('check', bad);
    expect(zh.out).toContain('未知关键字 “personel”');
    const json = JSON.parse((await cli('check', bad, '--json', '--locale', 'en')).out);
    expect(json.diagnostics[0]).toMatchObject({ code: 'unknown-keyword', severity: 'error', range: { start: { line: 1, column: 18 } } });
  });

  it('score --json prints the Scorecards object (JSON array or NDJSON events)', async () => {
    const arr = file('events.json', JSON.stringify(events));
    const nd = file('events.ndjson', events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    for (const ev of [arr, nd]) {
      const r = await cli('score', RULES, '--events', ev, '--roster', ROSTER, '--from', '2026-11-01', '--to', '2026-11-30', '--json');
      expect(r.code).toBe(0);
      const cards = JSON.parse(r.out);
      expect(cards.consultants.li).toMatchObject({ points: -36, money: -36 });
      expect(cards.teams.net.points).toBe(-12);
      // the documented JSON (LANGUAGE.md §7): the API's integer fields are left out
      expect([r.out.includes('"fen"'), r.out.includes('"centipoints"')]).toEqual([false, false]);
    }
  });

  it('score --as-of marks the projected lines of an open month and keeps their totals apart (§9.16)', async () => {
    const rules = file('target.rules', 'appointment "有效预约" on booking: <25 per month each => -20 yuan\n');
    const bookings = file(
      'bookings.json',
      JSON.stringify([{ id: 'b1', type: 'booking', consultant: 'li', at: '2026-11-02T10:00:00+08:00' }]),
    );
    const base = ['score', rules, '--events', bookings, '--roster', ROSTER, '--from', '2026-11-01', '--to', '2026-11-30'];
    const r = await cli(...base, '--as-of', '2026-11-03T10:00:00+08:00', '--json');
    expect(r.code).toBe(0);
    const li = JSON.parse(r.out).consultants.li;
    expect(li).toMatchObject({ points: 0, money: 0, projected: { points: 0, money: -480 } });
    expect(li.lines[0]).toMatchObject({ rule: 'appointment', window: '2026-11', count: 24, money: -480, projected: true });
    expect([r.out.includes('"fen"'), r.out.includes('"centipoints"')]).toEqual([false, false]);
    // Without --as-of: §7 exactly, the month counted.
    const plain = JSON.parse((await cli(...base, '--json')).out).consultants.li;
    expect(plain.money).toBe(-480);
    expect(JSON.stringify(plain)).not.toContain('projected');
    const table = await cli(...base, '--as-of', '2026-11-03T10:00:00+08:00', '--locale', 'en');
    expect(table.out).toContain('(projected)');
    const bad = await cli(...base, '--as-of', '2026-11-03', '--locale', 'en');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--as-of 2026-11-03 is not an instant with an offset');
  });

  it('score without --json prints a readable table', async () => {
    const r = await cli(
      'score',
      RULES,
      '--events',
      file('e2.json', JSON.stringify(events)),
      '--roster',
      ROSTER,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--locale',
      'en',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('== team 网络咨询组 (net): points -12, money (yuan) -12.00');
    expect(r.out).toMatch(/li\s+-36\s+-36\.00/);
  });

  it('a bad events file names the record and the field, never a stack trace', async () => {
    const bad = file(
      'bad.ndjson',
      [
        JSON.stringify(events[0]),
        JSON.stringify({ ...events[1], at: '2026-11-09 10:00' }),
        '{oops',
        JSON.stringify({ ...events[2], amount: '12' }),
      ].join('\n'),
    );
    const r = await cli(
      'score',
      RULES,
      '--events',
      bad,
      '--roster',
      ROSTER,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--locale',
      'en',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 2 (record 1), field "at": must be ISO 8601 with an offset');
    expect(r.err).toContain('line 3 (record 2), field "*": not valid JSON');
    expect(r.err).toContain('line 4 (record 3), field "amount": must be a number (yuan)');
    expect(r.err).toContain('3 bad event record(s); nothing scored');
    expect(r.err).not.toMatch(/\n\s+at /);
    const dup = file('dup.json', JSON.stringify([events[0], events[0]]));
    expect(
      (await cli('score', RULES, '--events', dup, '--roster', ROSTER, '--from', '2026-11-01', '--to', '2026-11-30', '--locale', 'en')).err,
    ).toContain('record 1, field "id": duplicate id (also record 0)');
  });

  it('usage errors exit 2', async () => {
    expect((await cli('score', RULES, '--from', '2026-11-01')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('score', RULES, '--events', 'x', '--roster', 'y', '--from', '2026-13-01', '--to', '2026-11-30')).code).toBe(2);
    expect((await cli('check', path.join(dir, 'missing.rules'))).code).toBe(1);
  });
});
