import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { KoaContext } from '../koa';

/** Rows per database query: a batch is read only when the previous one has gone out. */
export const EXPORT_BATCH_SIZE = 1000;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | null;
}

export interface CsvExport<Row extends { id: number }> {
  /** Without a path or a quote: it goes in the Content-Disposition header as it is. */
  filename: string;
  columns: Array<CsvColumn<Row>>;
  /** The next rows after the row of id `afterId` (0 at first), by increasing id, at most `limit`. */
  readBatch: (afterId: number, limit: number) => Promise<Row[]>;
}

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV Injection": starting with =, +, -, @,
 * a tab or a carriage return) is written after a single quote, which makes it text.
 */
export const neutraliseFormula = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The rows of an export, read a batch at a time as the reader downstream asks for more. */
const batchedRows = <Row extends { id: number }>({ columns, readBatch }: CsvExport<Row>) => {
  let afterId = 0;
  let reading = false;
  return new Readable({
    objectMode: true,
    highWaterMark: EXPORT_BATCH_SIZE,
    read() {
      if (reading) return;
      reading = true;
      readBatch(afterId, EXPORT_BATCH_SIZE).then(
        (rows) => {
          reading = false;
          // Destroyed meanwhile (the client went away): the rows read are dropped, no more are read.
          if (this.destroyed) return;
          for (const row of rows) this.push(columns.map((column) => neutraliseFormula(column.value(row) ?? '')));
          if (rows.length < EXPORT_BATCH_SIZE) this.push(null);
          else afterId = rows[rows.length - 1].id;
        },
        (error: unknown) => this.destroy(error as Error)
      );
    },
  });
};

/**
 * Answers `ctx` with the export as an RFC 4180 CSV download (CRLF line ends, fields quoted when
 * they hold a comma, a quote or a line break), streamed: at most a couple of batches are in memory,
 * and a database read waits until the client has taken what was read before. If the client goes
 * away, Koa destroys the body and the pipeline the source, which then reads nothing more.
 */
export const sendCsv = <Row extends { id: number }>(ctx: KoaContext, csv: CsvExport<Row>, onError: (error: Error) => void) => {
  const body = stringify({
    header: true,
    columns: csv.columns.map((column) => column.header),
    record_delimiter: 'windows',
  });
  pipeline(batchedRows(csv), body, (error) => {
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') onError(error);
  });
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${csv.filename}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = body;
};
