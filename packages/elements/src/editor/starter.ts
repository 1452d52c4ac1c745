/**
 * The starter rulebooks a manager can begin with on first run: the clinic
 * rulebook of the repository (`examples/rulebooks/clinic.rules`, written from
 * the seeds' own rules, and its English-keyword twin), bundled as text. The
 * editor loads this module only when the manager asks for a template.
 */
import clinicZh from '../../../../examples/rulebooks/clinic.rules?raw';
import clinicEn from '../../../../examples/rulebooks/clinic-en.rules?raw';

export const STARTER_RULEBOOKS = { 'zh-CN': clinicZh, en: clinicEn } as const;
