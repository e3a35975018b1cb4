/**
 * Recipients from a CSV file, as a spreadsheet or a mail client exports a list: the column named
 * `email` (any case), or else the first one; a header row is optional; blank rows are ignored.
 * A column named `language` (with a header row) gives a recipient's own language.
 */
import Papa from 'papaparse';
import {
  isEmailAddress,
  isLanguageTag,
  MAX_RECIPIENTS,
  languagesByAddress,
  splitRecipients,
  uniqueRecipients,
} from '../../../shared';

/** A row that cannot be sent as it is, numbered as a spreadsheet numbers it (the header is row 1). */
export interface InvalidRow {
  row: number;
  /** The cell as written, trimmed; empty when the row has no address. */
  value: string;
  /** What is wrong: the address (the default), or the language cell. */
  problem?: 'language';
}

export interface RecipientsCsv {
  /** Valid addresses, each once (the first spelling, compared without case), in the file's order. */
  addresses: string[];
  /** The `language` column's value of each address that has one, by normalizeRecipientEmail. */
  languages: Map<string, string>;
  invalid: InvalidRow[];
  /** How many valid addresses repeated an earlier one. */
  duplicates: number;
}

/** `email`, `E-mail`, `Email_address`…: the column an export names the address in. */
const isEmailHeader = (cell: string) => /^e[-_ ]?mail([-_ ]?address)?$/i.test(cell.trim());

/** Words, not data: letters, spaces and a few separators, no `@`, no digit, no dot. */
const looksLikeHeader = (cell: string) => /^[\p{L}][\p{L} _'’-]*$/u.test(cell.trim());

/** `language`, `Lang`, `locale`: the column of a recipient's own language. */
const isLanguageHeader = (cell: string) => /^(language|lang|locale)$/i.test(cell.trim());

/** `de`, `DE`, `pt_BR` → `de`, `de`, `pt-BR`: the primary language lowercase, `_` as `-`. */
const languageTagOf = (cell: string) => {
  const [primary = '', ...rest] = cell.trim().replace(/_/g, '-').split('-');
  return [primary.toLowerCase(), ...rest].join('-');
};

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** A cell's address: `Ada Lovelace <ada@example.com>` counts as the address, as when pasted. */
const addressIn = (cell: string) => {
  const parts = splitRecipients(cell);
  return parts.length === 1 ? parts[0] : cell.trim();
};

interface Layout {
  column: number;
  hasHeader: boolean;
  /** The column of the recipients' languages, if the header names one. */
  languageColumn?: number;
}

/** Which column holds the addresses (and the languages), and whether the first row names the columns. */
const layoutOf = (firstRow: string[]): Layout => {
  const named = firstRow.findIndex(isEmailHeader);
  const first = firstRow[0] ?? '';
  const hasHeader = named >= 0 || (!isEmailAddress(addressIn(first)) && looksLikeHeader(first));
  const languageColumn = hasHeader ? firstRow.findIndex(isLanguageHeader) : -1;
  return { column: Math.max(named, 0), hasHeader, ...(languageColumn >= 0 && { languageColumn }) };
};

interface Row {
  row: number;
  value: string;
  /** The language cell as written (trimmed), and as a tag; '' when empty. */
  languageCell: string;
  language: string;
}

const problemOf = ({ row, value, languageCell, language }: Row): InvalidRow | null => {
  if (!isEmailAddress(value)) return { row, value };
  if (language && !isLanguageTag(language)) return { row, value: languageCell, problem: 'language' };
  return null;
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
  const numbered = rowsOf(text.replace(/^\uFEFF/, ''))
    .map((cells, index) => ({ cells, row: index + 1 }))
    .filter(({ cells }) => !isBlank(cells));
  if (numbered.length === 0) return { addresses: [], languages: new Map(), invalid: [], duplicates: 0 };

  const { column, hasHeader, languageColumn } = layoutOf(numbered[0].cells);
  const rows: Row[] = (hasHeader ? numbered.slice(1) : numbered).map(({ cells, row }) => {
    const languageCell = languageColumn === undefined ? '' : (cells[languageColumn] ?? '').trim();
    return { row, value: addressIn(cells[column] ?? ''), languageCell, language: languageTagOf(languageCell) };
  });
  const invalid = rows.flatMap((row) => problemOf(row) ?? []);
  const valid = rows.filter((row) => problemOf(row) === null);
  const { unique, duplicates } = uniqueRecipients(valid.map(({ value }) => value));
  return {
    addresses: unique,
    languages: languagesByAddress(valid.map(({ value, language }) => ({ email: value, language }))),
    invalid,
    duplicates,
  };
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
