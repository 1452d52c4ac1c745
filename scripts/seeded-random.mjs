// Seeded randomness for scripts/generate-events.mjs: named streams from one seed, so the same arguments
// always give the same bytes (no dependency, no Math.random).
/** FNV-1a 32-bit hash of a string: turns a stream name into a seed. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test data. Returns [0, 1). */
export function rng(name) {
  let a = hash(name);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (r, lo, hi) => lo + (hi - lo) * r();
export const intBetween = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

export function pick(r, weighted) {
  let total = 0;
  for (const [, w] of weighted) total += w;
  let x = r() * total;
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1][0];
}

/** Poisson sample (Knuth); the rates here are small. */
export function poisson(r, lambda) {
  if (lambda <= 0) return 0;
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}
