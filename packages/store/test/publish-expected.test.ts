// Issue 14 (publishing from two tabs made two identical versions): a publish carries the version the manager saw
// (`expectedVersion`) and is refused, in the transaction that writes the version, when another publish happened
// meanwhile. Two stores on one database: two tabs of one browser.
import { expect } from '@esm-bundle/chai';
import { expectError, twoTabs } from './helpers.js';

const V1 = 'rude_attitude "态度无礼": -8 per\n';
const V2 = 'rude_attitude "态度无礼": -10 per\n';
const input = (source: string, expectedVersion?: number) => ({
  source,
  author: 'm1',
  effectiveFrom: '2026-01-01',
  confirmPastDate: true,
  ...(expectedVersion === undefined ? {} : { expectedVersion }),
});

describe('publishRulebook with expectedVersion', () => {
  it('the first publish expecting none succeeds; a second tab expecting none is refused, naming version 1, in both languages', async () => {
    const { tabA, tabB, close } = await twoTabs('publish-expected');
    try {
      const v1 = await tabA.publishRulebook(input(V1, 0));
      expect(v1.version).to.equal(1);
      const err = await expectError(tabB.publishRulebook(input(V1, 0)), 'conflict');
      expect(err.details.kind).to.equal('rulebookVersions');
      expect((err.details.current as { version: number }).version).to.equal(1);
      expect(err.text('zh-CN')).to.equal('已有人发布了第 1 版（2026-01-01 起生效），本次未发布：请先查看该版本再发布。');
      expect(err.text('en')).to.equal(
        'Version 1 (effective 2026-01-01) was published meanwhile; nothing was published. Review it, then publish again.',
      );
      expect((await tabB.listRulebookVersions()).map((v) => v.version)).to.deep.equal([1]);
      // Having seen version 1, the second tab publishes version 2.
      expect((await tabB.publishRulebook(input(V2, 1))).version).to.equal(2);
    } finally {
      await close();
    }
  });

  it('two tabs publishing at once, both having seen version 1: exactly one version 2, the other refused', async () => {
    const { tabA, tabB, close } = await twoTabs('publish-race');
    try {
      await tabA.publishRulebook(input(V1, 0));
      for (let round = 0; round < 5; round++) {
        const seen = (await tabA.listRulebookVersions()).at(-1)!.version;
        const results = await Promise.allSettled([tabA.publishRulebook(input(V2, seen)), tabB.publishRulebook(input(V2, seen))]);
        const done = results.filter((r) => r.status === 'fulfilled');
        const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(done, `round ${round}`).to.have.length(1);
        expect(refused.map((r) => (r.reason as { code: string }).code)).to.deep.equal(['conflict']);
        expect((await tabB.listRulebookVersions()).map((v) => v.version).at(-1)).to.equal(seen + 1);
      }
      // Without expectedVersion the store still takes the next number (a script, the sync's replay).
      expect((await tabB.publishRulebook(input(V1))).version).to.equal(7);
    } finally {
      await close();
    }
  });

  it("a refused publish leaves the author's draft as it was; a bad expectedVersion is a validation error", async () => {
    const { tabA, tabB, close } = await twoTabs('publish-expected-draft');
    try {
      await tabA.publishRulebook(input(V1, 0));
      const draft = await tabB.saveDraft({ editor: 'm1', source: V2 });
      await expectError(tabB.publishRulebook({ ...input(V2, 0), draftRev: draft.rev }), 'conflict');
      expect((await tabB.getDraft('m1'))?.source).to.equal(V2);
      for (const bad of [-1, 1.5, Number.NaN])
        expect((await expectError(tabB.publishRulebook(input(V2, bad)), 'validation')).fields.map((f) => f.field)).to.deep.equal([
          'expectedVersion',
        ]);
    } finally {
      await close();
    }
  });
});
