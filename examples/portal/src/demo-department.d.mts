import type { StoreExport } from '@rulecard/store';

/** One person of `examples/data/people.json`. */
export interface DemoPerson {
  id: string;
  name: string;
  role: 'consultant' | 'lead' | 'manager';
  team?: string;
  joined: string;
  /** Yuan a month per pay item of the rulebook (`pay bonus`). */
  pay?: Record<string, number>;
  /** The member's targets (`target sales`). */
  targets?: Record<string, number>;
}

export interface DemoDepartmentOptions {
  /** The demo's "now": events up to its day, the records stamped with it. */
  now: Date;
  /** The rulebook's source (`examples/rulebooks/clinic.rules`), compiled here. */
  source: string;
  /** `examples/data/people.json`'s `people`. */
  people: readonly DemoPerson[];
  /** `examples/data/roster.json`: the scored teams and their members. */
  roster: { teams: readonly { id: string; name: string; members: string[] }[] };
  /** The store's zone (default `Asia/Shanghai`). */
  timezone?: string;
  /** The events of both months (default), or of this one or the previous one only (`demoEvents`' `month`). */
  month?: 'both' | 'current' | 'previous';
}

/** Team of the managers (they are not scored; the store wants every member in a team). */
export declare const OFFICE_TEAM: string;
/** Who published the demo rulebook and recorded the demo events. */
export declare const DEMO_AUTHOR: string;

/** The whole demo department as a store export (imported in one transaction, replacing everything). */
export declare function demoDepartment(options: DemoDepartmentOptions): StoreExport;
