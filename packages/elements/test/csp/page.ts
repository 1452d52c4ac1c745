/**
 * Loaded by csp/page.html, which the test server sends with a strict
 * Content-Security-Policy header. Mounts the three elements on the database
 * named in `?db=` and reports what happened on `window.__csp`.
 */
import '../../src/call-log/index.js';
import '../../src/scorecard/index.js';
import '../../src/incident/index.js';

interface CspReport {
  violations: string[];
  ready: boolean;
}
const report: CspReport = { violations: [], ready: false };
(window as unknown as { __csp: CspReport }).__csp = report;
document.addEventListener('securitypolicyviolation', (e) => report.violations.push(`${e.violatedDirective} ${e.blockedURI}`));

const db = new URLSearchParams(location.search).get('db') ?? 'rulecard';
const month = new URLSearchParams(location.search).get('month') ?? '';
const host = document.getElementById('host')!;
for (const [tag, attrs] of [
  ['rulecard-call-log', { consultant: 'c01', role: 'consultant' }],
  ['rulecard-scorecard', { consultant: 'c01', role: 'consultant', month }],
  ['rulecard-incident', { consultant: 'm01', role: 'manager' }],
] as const) {
  const el = document.createElement(tag);
  el.setAttribute('database', db);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  host.append(el);
}
report.ready = true;
