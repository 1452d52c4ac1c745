/**
 * A roster file as the table of text `store.importRoster` reads: a CSV file
 * (UTF-8, with or without BOM; GB 18030 as Excel on a Chinese Windows saves
 * it) through the store's CSV reader, an Excel `.xlsx` file (its first
 * sheet) through `read-excel-file` — both loaded only when a file is chosen.
 *
 * @example
 * ```ts
 * const table = await readRosterFile(input.files[0]);
 * await store.importRoster(table, { by: 'm01', role: 'manager' });
 * ```
 */
import { dateInZone } from '@rulecard/dsl/calendar';

/** Thrown for a file that is neither `.xlsx` nor `.csv`. */
export class UnsupportedFileError extends Error {
  constructor() {
    super('unsupported file type');
    this.name = 'UnsupportedFileError';
  }
}

/** A spreadsheet cell as text: dates as `YYYY-MM-DD` (Excel dates have no zone: read as written), numbers as written. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : dateInZone(cell, 'UTC');
  return String(cell);
}

/** Bytes of a text file: UTF-8 when they are, else GB 18030 (a CSV saved by Excel in Chinese). */
export function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readRosterFile(file: File): Promise<string[][]> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) {
    const { readSheet } = await import('read-excel-file/browser');
    const rows = await readSheet(file);
    return rows.map((row) => row.map(cellText));
  }
  if (name.endsWith('.csv') || file.type === 'text/csv') {
    const { parseCsv } = await import('@rulecard/store/csv');
    return parseCsv(decodeText(await file.arrayBuffer()));
  }
  throw new UnsupportedFileError();
}
