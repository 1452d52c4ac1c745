/**
 * Masking of customer contact data (保密规范) for every read meant for display.
 *
 * @module
 */
import type { CallLog, CallLogRevision, CallLogView, ContactKind } from './types.js';

/**
 * `13812345678` → `138****5678`; `010-12345678` → `010-****5678`;
 * `wxid_abcdef` → `wx*******ef`; `12345678` (QQ) → `12****78`;
 * `name@example.com` → `n***@example.com`.
 */
export function maskContact(contact: string, kind?: ContactKind): string {
  const s = contact;
  if (kind === 'mobile' || (!kind && /^1\d{10}$/.test(s))) return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (kind === 'email' || (!kind && s.includes('@'))) {
    const at = s.indexOf('@');
    return `${s.slice(0, Math.min(1, at))}***${s.slice(at)}`;
  }
  if (kind === 'landline' || (!kind && /^0\d{2,3}-\d+$/.test(s))) {
    const dash = s.indexOf('-');
    const area = dash > 0 ? s.slice(0, dash + 1) : s.slice(0, 3);
    return `${area}****${s.slice(-4)}`;
  }
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(s.length - 4)}${s.slice(-2)}`;
}

/** A log for display: contact masked. */
export function maskCallLog(log: CallLog): CallLogView {
  const view = { ...log, contactMasked: true as const };
  if (log.contact) view.contact = maskContact(log.contact, log.contactKind);
  return view;
}

/** A history entry with contact values masked. */
export function maskRevision(rev: CallLogRevision): CallLogRevision {
  return {
    ...rev,
    changes: rev.changes.map((c) =>
      c.field === 'contact'
        ? {
            ...c,
            ...(typeof c.before === 'string' ? { before: maskContact(c.before) } : {}),
            ...(typeof c.after === 'string' ? { after: maskContact(c.after) } : {}),
          }
        : c,
    ),
  };
}
