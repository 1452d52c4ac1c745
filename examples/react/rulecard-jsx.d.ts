/**
 * The rulecard elements as typed JSX for React 19 (which sets known properties on custom
 * elements and listens to `on<event-name>` props as DOM events, case kept).
 * Copy this file into a portal that uses React.
 */
import type { HTMLAttributes, Ref } from 'react';
import type { RulecardEventMap, RulecardStore, Role } from '@rulecard/elements';

/** `onrulecard-saved={(e) => e.detail.id}` — every rulecard event, typed. */
type RulecardEventProps = {
  [K in keyof RulecardEventMap as `on${K}`]?: (event: CustomEvent<RulecardEventMap[K]>) => void;
};

interface RulecardBaseProps extends Omit<HTMLAttributes<HTMLElement>, 'role'>, RulecardEventProps {
  ref?: Ref<HTMLElement>;
  /** Roster id of the signed-in user. */
  consultant?: string;
  role?: Role;
  /** `en` for English; zh-CN otherwise. */
  lang?: 'zh-CN' | 'en';
  /** IndexedDB database name (default `rulecard`). */
  database?: string;
  /** A store the page opened itself (set as a property). */
  store?: RulecardStore;
}

export interface RulecardScorecardProps extends RulecardBaseProps {
  'for-consultant'?: string;
  team?: string;
  /** `YYYY-MM`. */
  month?: string;
  /** `YYYY-MM-DD`. */
  day?: string;
  rulebook?: string;
}
export interface RulecardIncidentProps extends RulecardBaseProps {
  rulebook?: string;
}
export interface RulecardEditorProps extends RulecardBaseProps {
  'rulebook-id'?: string;
  'lint-delay'?: number;
  'autosave-delay'?: number;
  'onrulecard-diagnostics'?: (event: CustomEvent<{ errors: number; warnings: number }>) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'rulecard-scorecard': RulecardScorecardProps;
      'rulecard-call-log': RulecardBaseProps;
      'rulecard-incident': RulecardIncidentProps;
      'rulecard-editor': RulecardEditorProps;
    }
  }
}
