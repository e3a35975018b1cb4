import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INVITATION_UID, RECIPIENT_UID } from '../constants';
import { columnName, joinTableOf, tableName } from './sql';

/** What a link's public status is made of. */
export const STATUS_ATTRIBUTES = [
  'id',
  'maxUses',
  'usedCount',
  'expiresAt',
  'welcomeMessage',
  'redirectUrl',
  'allowedEmailDomains',
  'allowExistingAccounts',
] as const;

/** What `claim` reads of the link whose seat it took: its status, name, presets and role. */
export const REDEEMABLE_ATTRIBUTES = [...STATUS_ATTRIBUTES, 'name', 'userDefaults'] as const;

/** Stored as text on SQLite, read as parsed values elsewhere. */
const JSON_ATTRIBUTES = new Set(['allowedEmailDomains', 'userDefaults']);
/** Read as 0 or 1 by raw SQL on SQLite and MySQL. */
const BOOLEAN_ATTRIBUTES = new Set(['allowExistingAccounts']);

/** How a link is named in a query: by its own token's hash, or by id (the parent of a personal link). */
export type InvitationKey = { tokenHash: string } | { id: number };

/** Engines whose UPDATE can hand back the row it changed (SQLite from 3.35). */
const RETURNING_CLIENTS = new Set(['postgres', 'sqlite']);

/** The link table's names, as queries write them. */
const invitationTable = (strapi: Core.Strapi) => ({
  name: tableName(strapi, INVITATION_UID),
  column: (attribute: string) => columnName(strapi, INVITATION_UID, attribute),
  roleLink: joinTableOf(strapi, INVITATION_UID, 'role'),
});

/** The key's column and value, as the database names them. */
const keyColumn = (strapi: Core.Strapi, key: InvitationKey): [string, string | number] => {
  const table = invitationTable(strapi);
  return 'tokenHash' in key ? [table.column('tokenHash'), key.tokenHash] : [table.column('id'), key.id];
};

const readJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

const readAttribute = (attribute: string, value: unknown) => {
  if (JSON_ATTRIBUTES.has(attribute)) return readJson(value);
  return BOOLEAN_ATTRIBUTES.has(attribute) ? Boolean(value) : value;
};

/** A row of the UPDATE's RETURNING, by attribute name, as Strapi's own queries give it. */
const toInvitation = (strapi: Core.Strapi, row: Record<string, unknown>) => {
  const table = invitationTable(strapi);
  const invitation: Record<string, unknown> = Object.fromEntries(
    REDEEMABLE_ATTRIBUTES.map((attribute) => [attribute, readAttribute(attribute, row[table.column(attribute)])])
  );
  invitation.role = row.role_id === null || row.role_id === undefined ? null : { id: Number(row.role_id) };
  return invitation;
};

/** What `claim` reads of a link, as a SELECT list or a RETURNING list: its columns and its role id. */
const redeemableList = (strapi: Core.Strapi) => {
  const table = invitationTable(strapi);
  return {
    sql: `${REDEEMABLE_ATTRIBUTES.map(() => '??').join(', ')}, (SELECT ?? FROM ?? WHERE ?? = ??.?? LIMIT 1) AS role_id`,
    bindings: [
      ...REDEEMABLE_ATTRIBUTES.map(table.column),
      table.roleLink.targetColumn,
      table.roleLink.name,
      table.roleLink.ownerColumn,
      table.name,
      table.column('id'),
    ],
  };
};

/**
 * The seat rule, as SQL for the engines with RETURNING: the UPDATE that takes one seat of the link
 * `key` names at `now` only if it has seats left and has not expired, so that the last seat can
 * never be taken twice. Without its RETURNING: the callers add what they read back.
 */
export const seatUpdate = (strapi: Core.Strapi, key: InvitationKey, now: Date) => {
  const table = invitationTable(strapi);
  const [keyName, keyValue] = keyColumn(strapi, key);
  return {
    sql: 'UPDATE ?? SET ?? = ?? + 1, ?? = ? WHERE ?? = ? AND ?? < ?? AND ?? > ?',
    bindings: [
      table.name,
      table.column('usedCount'),
      table.column('usedCount'),
      table.column('updatedAt'),
      now,
      keyName,
      keyValue,
      table.column('usedCount'),
      table.column('maxUses'),
      table.column('expiresAt'),
      now,
    ],
  };
};

/**
 * The conditional UPDATE that takes one seat (seats left and not expired), returning the link
 * and its role id in the same statement: `UPDATE … RETURNING`, with the role read by a subquery
 * on the link table. The row lock is held from this statement on, so what it returns is what the
 * registration before it committed.
 */
const updateReturning = async (strapi: Core.Strapi, key: InvitationKey, trx: Knex.Transaction) => {
  const seat = seatUpdate(strapi, key, new Date());
  const returned = redeemableList(strapi);
  const result = await strapi.db.connection
    .raw(`${seat.sql} RETURNING ${returned.sql}`, [...seat.bindings, ...returned.bindings])
    .transacting(trx);
  const changed: Array<Record<string, unknown>> = Array.isArray(result) ? result : result.rows;
  return changed.length === 1 ? toInvitation(strapi, changed[0]) : null;
};

/** MySQL and MariaDB have no RETURNING: the same UPDATE, then `readBack` once the row lock is held. */
const updateThenRead = async <T>(strapi: Core.Strapi, key: InvitationKey, trx: Knex.Transaction, readBack: () => Promise<T>) => {
  const table = invitationTable(strapi);
  const knex = strapi.db.connection;
  const changed = await knex(table.name)
    .transacting(trx)
    .where(...keyColumn(strapi, key))
    .andWhere(table.column('usedCount'), '<', knex.ref(table.column('maxUses')))
    .andWhere(table.column('expiresAt'), '>', new Date())
    .update({
      [table.column('usedCount')]: knex.raw('?? + 1', [table.column('usedCount')]),
      [table.column('updatedAt')]: new Date(),
    });
  return changed === 1 ? readBack() : null;
};

/**
 * Takes one seat of the link `key` names, in `trx`; resolves with the link as
 * it is now (its role as `{ id }`), or null when no seat was taken (used up, expired or no such
 * link). `readBack` reads the link where the UPDATE cannot return it.
 */
export const takeSeat = <T>(strapi: Core.Strapi, key: InvitationKey, trx: Knex.Transaction, readBack: () => Promise<T>) =>
  RETURNING_CLIENTS.has(strapi.db.dialect.client)
    ? (updateReturning(strapi, key, trx) as Promise<T | null>)
    : updateThenRead(strapi, key, trx, readBack);

/**
 * PostgreSQL advisory locks of the plugin's: a link's, in the two-key form (this namespace, the
 * link's id), and a registrant's, in the one-key form (a hash of an email or username). The two
 * forms never collide.
 */
const LINK_LOCK_NAMESPACE = 0x696e7669;

/** A registrant identifier's key: the first 8 bytes of its SHA-256, as the signed bigint PostgreSQL takes. */
const registrantLockKey = (identifier: string) =>
  createHash('sha256').update(`invitations registrant ${identifier}`).digest().readBigInt64BE(0).toString();

/**
 * PostgreSQL, for an admin's change or delete of the link `id`, before its FOR UPDATE: the link's
 * advisory lock, exclusively. Sign-ups take it shared (lockAndReadLink), and PostgreSQL
 * queues these locks in order, so a steady stream of sign-ups cannot keep an admin waiting (row
 * locks FOR KEY SHARE would let each new sign-up pass a waiting FOR UPDATE).
 */
export const lockLinkAgainstSignups = async (strapi: Core.Strapi, id: number, trx: Knex.Transaction) => {
  if (strapi.db.dialect.client !== 'postgres') return;
  await strapi.db.connection.raw('SELECT pg_advisory_xact_lock(?::int, ?::int)', [LINK_LOCK_NAMESPACE, id]).transacting(trx);
};

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * PostgreSQL, for a registration that takes its seat only when it records the redemption (see
 * record-redemption.ts), first: the link with this token hash, locked for the rest of the
 * transaction without taking a seat, and read once locked. Three statements, each with the
 * snapshot of its own start (READ COMMITTED):
 *  1. the link's advisory lock shared and its row FOR KEY SHARE (for a personal link's token, its
 *     parent link's): other sign-ups go on and take seats (their UPDATE needs a lock that does not
 *     conflict), an admin's edit or delete waits until this registration ends, and what this one
 *     reads from here on is what the admin committed;
 *  2. the registrant's identifiers exclusively, in one fixed order, whatever the link (a personal
 *     link's too): two sign-ups with the same email or username queue up, so that
 *     users-permissions' "already taken" sees the first;
 *  3. the link and its role as committed now, after any admin change the first two waited for.
 * They go in one round trip, as text: PostgreSQL takes several statements in one query only
 * without parameters, so knex quotes the values in. All of them are ours (a SHA-256 hex digest,
 * the plugin's column names and decimal lock keys), and none holds a `?`, which knex would still
 * take for a parameter. Resolves with the link, or null when no link has that token (a personal
 * link's: its parent and the registrant are locked all the same).
 */
export const lockAndReadLink = async <T>(
  strapi: Core.Strapi,
  tokenHash: string,
  identifiers: string[],
  trx: Knex.Transaction
): Promise<T | null> => {
  if (!SHA256_HEX.test(tokenHash)) throw new Error('lockAndReadLink takes a token hash (64 hexadecimal digits)');
  const knex = strapi.db.connection;
  const table = invitationTable(strapi);
  const byToken = [table.name, table.column('tokenHash'), tokenHash];
  const keys = [...new Set(identifiers.map(registrantLockKey))].sort();
  const selected = redeemableList(strapi);
  const personal = joinTableOf(strapi, RECIPIENT_UID, 'invitation');
  const recipients = tableName(strapi, RECIPIENT_UID);
  const recipientColumn = (attribute: string) => `${recipients}.${columnName(strapi, RECIPIENT_UID, attribute)}`;
  const statements = [
    knex.raw(
      // A scalar subquery (one recipient, one parent): with `IN (…)` PostgreSQL scans the whole
      // link table instead of answering both sides of the OR from their indexes.
      'SELECT pg_advisory_xact_lock_shared(?::int, ??) FROM ?? WHERE ?? = ? OR ?? = ' +
        '(SELECT ?? FROM ?? JOIN ?? ON ?? = ?? WHERE ?? = ? LIMIT 1) FOR KEY SHARE',
      [
        LINK_LOCK_NAMESPACE,
        table.column('id'),
        ...byToken,
        table.column('id'),
        `${personal.name}.${personal.targetColumn}`,
        personal.name,
        recipients,
        `${personal.name}.${personal.ownerColumn}`,
        recipientColumn('id'),
        recipientColumn('tokenHash'),
        tokenHash,
      ]
    ),
    ...(keys.length ? [knex.raw(`SELECT ${keys.map(() => 'pg_advisory_xact_lock(?::bigint)').join(', ')}`, keys)] : []),
    knex.raw(`SELECT ${selected.sql} FROM ?? WHERE ?? = ?`, [...selected.bindings, ...byToken]),
  ];
  const results: Array<{ rows: Array<Record<string, unknown>> }> = await knex
    .raw(statements.map((statement) => statement.toString()).join('; '))
    .transacting(trx);
  const read = results[results.length - 1].rows;
  return read.length === 1 ? (toInvitation(strapi, read[0]) as T) : null;
};
