/** Digits and padding shared by the calendar's modules (not part of its API). */

export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The value of two ASCII digits at `i`, or -1 when they are not two digits. */
export function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Four digits at `i` as a year, or -1. */
export function d4(s: string, i: number): number {
  const hi = d2(s, i);
  const lo = d2(s, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}
