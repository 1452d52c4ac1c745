/** Types of fuzzer.mjs (the fuzzer is plain JS over the built package). */
export interface Problem {
  kind: 'crash' | 'range' | 'warm-cold' | 'slow' | 'contract' | 'cli';
  detail: string;
}

export interface FuzzStats {
  inputs: number;
  cliRuns: number;
  counts: Record<Problem['kind'], number>;
  failures: (Problem & { index: number; seed: number; source: string })[];
  slowest: { ms: number; length: number; index: number };
  largest: number;
  seconds: number;
}

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng;
export function seedFiles(): string[];
export function input(r: Rng, seeds: string[]): string;
export function check(source: string, options?: { version1?: boolean }): { problems: Problem[]; ms: number };
export function checkCli(source: string, dir: string, index: number): Promise<Problem[]>;
export function fuzz(options: {
  count: number;
  seed: number;
  cliEvery?: number;
  onProgress?: (stats: FuzzStats) => void;
  progressEvery?: number;
  keep?: number;
}): Promise<FuzzStats>;
