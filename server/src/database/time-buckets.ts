import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type TimeUnit = 'hour' | 'day' | 'week';

/**
 * SQL giving the start of the UTC hour, day or week (weeks start on Monday, as ISO 8601 has it) of
 * a datetime column, as text `YYYY-MM-DD HH`: the same key on every engine, so buckets can be
 * matched in JavaScript. SQLite keeps Strapi's datetimes as epoch milliseconds; PostgreSQL and
 * MySQL/MariaDB keep them in UTC without a zone (Strapi's connections run in UTC).
 */
const EXPRESSIONS: Record<string, Record<TimeUnit, string>> = {
  sqlite: {
    hour: "strftime('%Y-%m-%d %H', ?? / 1000, 'unixepoch')",
    day: "strftime('%Y-%m-%d 00', ?? / 1000, 'unixepoch')",
    week: "strftime('%Y-%m-%d 00', ?? / 1000, 'unixepoch', '-6 days', 'weekday 1')",
  },
  postgres: {
    hour: "to_char(date_trunc('hour', ??), 'YYYY-MM-DD HH24')",
    day: "to_char(date_trunc('day', ??), 'YYYY-MM-DD HH24')",
    week: "to_char(date_trunc('week', ??), 'YYYY-MM-DD HH24')",
  },
  mysql: {
    hour: "DATE_FORMAT(??, '%Y-%m-%d %H')",
    day: "DATE_FORMAT(??, '%Y-%m-%d 00')",
    week: "DATE_FORMAT(DATE_SUB(??, INTERVAL WEEKDAY(??) DAY), '%Y-%m-%d 00')",
  },
};

/** The bucket key of `column` for `unit` on this site's database, selected as `alias`. */
export const bucketExpression = (strapi: Core.Strapi, column: string, unit: TimeUnit, alias: string): Knex.Raw => {
  const sql = EXPRESSIONS[strapi.db.dialect.client][unit];
  const bindings = Array.from({ length: sql.split('??').length - 1 }, () => column);
  return strapi.db.connection.raw(`${sql} AS ??`, [...bindings, alias]);
};

const HOUR_MS = 60 * 60 * 1000;
const UNIT_MS: Record<TimeUnit, number> = { hour: HOUR_MS, day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS };

/** The start of the UTC bucket holding `date`. */
export const bucketStart = (date: Date, unit: TimeUnit): Date => {
  const start = new Date(date);
  start.setUTCMinutes(0, 0, 0);
  if (unit !== 'hour') start.setUTCHours(0);
  if (unit === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  return start;
};

/** The key bucketExpression gives the bucket starting at `start`. */
export const bucketKey = (start: Date) => start.toISOString().slice(0, 13).replace('T', ' ');

/** Each bucket's start from the one holding `from` to the one holding `to`, at most `limit` (the latest ones). */
export const bucketStarts = (from: Date, to: Date, unit: TimeUnit, limit: number): Date[] => {
  const last = bucketStart(to, unit).getTime();
  const first = Math.max(bucketStart(from, unit).getTime(), last - (limit - 1) * UNIT_MS[unit]);
  const starts: Date[] = [];
  for (let time = first; time <= last; time += UNIT_MS[unit]) starts.push(new Date(time));
  return starts;
};
