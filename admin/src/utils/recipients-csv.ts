/**
 * Recipients from a CSV file, as a spreadsheet or a mail client exports a list: the column named
 * `email` (any case), or else the first one; a header row is optional; blank rows are ignored.
 */
import Papa from 'papaparse';
import { isEmailAddress, MAX_RECIPIENTS, splitRecipients, uniqueRecipients } from '../../../shared';

/** A row whose address is not one, numbered as a spreadsheet numbers it (the header is row 1). */
export interface InvalidRow {
  row: number;
  /** The cell as written, trimmed; empty when the row has no address. */
  value: string;
}

export interface RecipientsCsv {
  /** Valid addresses, each once (the first spelling, compared without case), in the file's order. */
  addresses: string[];
  invalid: InvalidRow[];
  /** How many valid addresses repeated an earlier one. */
  duplicates: number;
}

/** `email`, `E-mail`, `Email_address`…: the column an export names the address in. */
const isEmailHeader = (cell: string) => /^e[-_ ]?mail([-_ ]?address)?$/i.test(cell.trim());

/** Words, not data: letters, spaces and a few separators, no `@`, no digit, no dot. */
const looksLikeHeader = (cell: string) => /^[\p{L}][\p{L} _'’-]*$/u.test(cell.trim());

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** A cell's address: `Ada Lovelace <ada@example.com>` counts as the address, as when pasted. */
const addressIn = (cell: string) => {
  const parts = splitRecipients(cell);
  return parts.length === 1 ? parts[0] : cell.trim();
};

/** Which column holds the addresses, and whether the first row names the columns. */
const layoutOf = (firstRow: string[]): { column: number; hasHeader: boolean } => {
  const named = firstRow.findIndex(isEmailHeader);
  if (named >= 0) return { column: named, hasHeader: true };
  const first = firstRow[0] ?? '';
  return { column: 0, hasHeader: !isEmailAddress(addressIn(first)) && looksLikeHeader(first) };
};

/**
 * The file's rows, blank ones included so that each keeps its number. The separator is guessed
 * without the blank rows: with them, no separator splits every row alike and none is found.
 */
const rowsOf = (text: string): string[][] => {
  const { delimiter } = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', preview: 20 }).meta;
  return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data;
};

/** Reads the text of a CSV file (comma, semicolon or tab separated, as detected). */
export const parseRecipientsCsv = (text: string): RecipientsCsv => {
  const rows = rowsOf(text.replace(/^\uFEFF/, ''));
  const numbered = rows.map((cells, index) => ({ cells, row: index + 1 })).filter(({ cells }) => !isBlank(cells));
  if (numbered.length === 0) return { addresses: [], invalid: [], duplicates: 0 };

  const { column, hasHeader } = layoutOf(numbered[0].cells);
  const values = (hasHeader ? numbered.slice(1) : numbered).map(({ cells, row }) => ({
    row,
    value: addressIn(cells[column] ?? ''),
  }));
  const { unique, duplicates } = uniqueRecipients(values.filter(({ value }) => isEmailAddress(value)).map(({ value }) => value));
  return { addresses: unique, invalid: values.filter(({ value }) => !isEmailAddress(value)), duplicates };
};

/**
 * The field's entries with the imported addresses after them, each once, at most MAX_RECIPIENTS in
 * all (one sending's limit); `leftOut` says how many imported addresses did not fit.
 */
export const addImported = (entries: string[], imported: string[]): { entries: string[]; added: number; leftOut: number } => {
  const { unique } = uniqueRecipients([...entries, ...imported]);
  const kept = unique.slice(0, Math.max(MAX_RECIPIENTS, entries.length));
  return { entries: kept, added: kept.length - entries.length, leftOut: unique.length - kept.length };
};
