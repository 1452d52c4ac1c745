import type { RuleEvent } from '@rulecard/dsl';

/** A team of the demo department: its id (`phone…` for a telephone team, else an online one), members and lead. */
export interface DemoTeam {
  id: string;
  members: string[];
  /** The team's lead (default: the first member); leads hand in the daily forms. */
  lead?: string;
}

export interface DemoOptions {
  teams: DemoTeam[];
  /** The last day generated (`YYYY-MM-DD`, in `timezone`): from the first day of the month before it up to it. */
  today: string;
  /** Default `DEMO_SEED`. */
  seed?: string;
  /** Default `Asia/Shanghai`. */
  timezone?: string;
  /**
   * `current`: only the current month up to `today`; `previous`: only the previous month; default `both`. Each is
   * exactly its month's part of `both` (same events, same ids).
   */
  month?: 'both' | 'current' | 'previous';
}

/** The seed of the portal's demo department. */
export declare const DEMO_SEED: string;

/**
 * The demo department's events from the first day of the month before `today` to `today`, in time order: seeded and
 * deterministic, every rule of clinic.rules firing in the previous month.
 */
export declare function demoEvents(options: DemoOptions): RuleEvent[];
