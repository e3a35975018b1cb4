import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

/** A relation's join table as Strapi's metadata describes it (`<table>_<attribute>_lnk`). */
export interface JoinTable {
  name: string;
  /** The column that points at the row owning the relation. */
  ownerColumn: string;
  /** The column that points at the related row. */
  targetColumn: string;
}

interface JoinTableMeta {
  joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
}

/**
 * The table of a content type, as the database knows it. Bare names find the site's tables in raw
 * SQL too: with a PostgreSQL schema (`connection.schema`, DATABASE_SCHEMA), Strapi sets each
 * connection's search_path to it (tests/server/database-schema.test.ts).
 */
export const tableName = (strapi: Core.Strapi, uid: UID.Schema) => strapi.db.metadata.get(uid).tableName;

/**
 * `table` in the site's schema, for the statements that name it outright (the seat check's catalog
 * lookup, the rate limit's own table).
 */
export const inSiteSchema = (strapi: Core.Strapi, table: string) => {
  const schema = strapi.db.getSchemaName();
  return schema ? `${schema}.${table}` : table;
};

/** The column of one of a content type's scalar attributes. */
export const columnName = (strapi: Core.Strapi, uid: UID.Schema, attribute: string) =>
  (strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string }).columnName ?? attribute;

/** The join table of a relation attribute. */
export const joinTableOf = (strapi: Core.Strapi, uid: UID.Schema, attribute: string): JoinTable => {
  const { joinTable } = strapi.db.metadata.get(uid).attributes[attribute] as unknown as JoinTableMeta;
  return { name: joinTable.name, ownerColumn: joinTable.joinColumn.name, targetColumn: joinTable.inverseJoinColumn.name };
};

/** `LIKE` pattern matching `text` anywhere, its wildcards taken literally (with `ESCAPE '!'`). */
export const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** The number of rows `query` matches (engines answer a string or a number). */
export const countRows = async (query: Knex.QueryBuilder) => Number((await query.count({ count: '*' }).first())?.count ?? 0);

/** A datetime as knex reads it (epoch milliseconds on SQLite, a Date elsewhere), in ISO 8601. */
export const isoDate = (value: string | number | Date) => new Date(value).toISOString();

/** Whether `error` is the database refusing a duplicate in a unique column (SQLite, PostgreSQL, MySQL/MariaDB). */
export const isUniqueViolation = (error: unknown): boolean => {
  for (
    let current = error as { code?: unknown; errno?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 3;
    depth += 1
  ) {
    if (current.code === '23505' || current.code === 'SQLITE_CONSTRAINT_UNIQUE' || current.errno === 1062) return true;
    current = current.cause as typeof current;
  }
  return false;
};
