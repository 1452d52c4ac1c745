/**
 * CSV that Excel opens correctly with Chinese text: UTF-8 with a BOM, CRLF
 * line ends, RFC 4180 quoting.
 *
 * The formula guard: a text cell a spreadsheet could take for a formula gets
 * a leading `'` (shown by no spreadsheet; it marks the cell as text), which
 * `parseCsv` removes again. A formula start is `=`, `+`, `-`, `@`, a tab or
 * a CR, or their full-width forms `＝ ＋ － ＠` (decided: guarded too, since
 * spreadsheets used with a Chinese input method may read them as the ASCII
 * operators; the cost is one invisible apostrophe on rare values). The guard
 * is reversible: a value that itself starts with apostrophes before a
 * formula start (a name that really is `'=1+1`) gets one more, so reading
 * removes exactly the one the writer added.
 *
 * The generic writer and reader (small, exported by the package); the call-log
 * and score tables are in `csv.ts`, loaded only when a CSV method is called.
 *
 * @module
 */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
/** Apostrophes (earlier guards, or the value's own) then a formula start, ASCII or full-width. */
const NEEDS_GUARD = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function cell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') s = Number.isFinite(v) ? String(v) : '';
  else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else s = NEEDS_GUARD.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV text with BOM and CRLF. */
export function toCsv(rows: CsvCell[][]): string {
  return BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** CSV text (with or without BOM, CRLF or LF) → rows of strings. Undoes the formula guard. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = (): void => {
    row.push(!wasQuoted || field.length ? unguard(field) : field);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

function unguard(v: string): string {
  return v[0] === "'" && NEEDS_GUARD.test(v.slice(1)) ? v.slice(1) : v;
}
