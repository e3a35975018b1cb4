import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { INVITATION_UID } from '../constants';

/** What `claim` reads of the link whose seat it took: its status, name, presets and role. */
export const REDEEMABLE_ATTRIBUTES = [
  'id',
  'maxUses',
  'usedCount',
  'expiresAt',
  'welcomeMessage',
  'redirectUrl',
  'allowedEmailDomains',
  'name',
  'userDefaults',
] as const;

/** Stored as text on SQLite, read as parsed values elsewhere. */
const JSON_ATTRIBUTES = new Set(['allowedEmailDomains', 'userDefaults']);

/** How a link is named in a query: by its own token's hash, or by id (the parent of a personal link). */
export type InvitationKey = { tokenHash: string } | { id: number };

/** Engines whose UPDATE can hand back the row it changed (SQLite from 3.35). */
const RETURNING_CLIENTS = new Set(['postgres', 'sqlite']);

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

const invitationTable = (strapi: Core.Strapi) => {
  const meta = strapi.db.metadata.get(INVITATION_UID);
  const column = (attribute: string) => (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  return { meta, name: meta.tableName, column, roleLink: (meta.attributes.role as { joinTable: JoinTable }).joinTable };
};

/** The key's column and value, as the database names them. */
const keyColumn = (strapi: Core.Strapi, key: InvitationKey): [string, string | number] => {
  const table = invitationTable(strapi);
  return 'tokenHash' in key ? [table.column('tokenHash'), key.tokenHash] : [table.column('id'), key.id];
};

const readJson = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));

/** A row of the UPDATE's RETURNING, by attribute name, as Strapi's own queries give it. */
const toInvitation = (strapi: Core.Strapi, row: Record<string, unknown>) => {
  const table = invitationTable(strapi);
  const invitation: Record<string, unknown> = Object.fromEntries(
    REDEEMABLE_ATTRIBUTES.map((attribute) => {
      const value = row[table.column(attribute)];
      return [attribute, JSON_ATTRIBUTES.has(attribute) ? readJson(value) : value];
    })
  );
  invitation.role = row.role_id === null || row.role_id === undefined ? null : { id: Number(row.role_id) };
  return invitation;
};

/**
 * The conditional UPDATE that takes one seat (seats left and not expired), returning the link
 * and its role id in the same statement: `UPDATE … RETURNING`, with the role read by a subquery
 * on the link table. The row lock is held from this statement on, so what it returns is what the
 * registration before it committed.
 */
const updateReturning = async (strapi: Core.Strapi, key: InvitationKey, trx: Knex.Transaction) => {
  const table = invitationTable(strapi);
  const [keyName, keyValue] = keyColumn(strapi, key);
  const now = new Date();
  const returned = REDEEMABLE_ATTRIBUTES.map(() => '??').join(', ');
  const result = await strapi.db.connection
    .raw(
      `UPDATE ?? SET ?? = ?? + 1, ?? = ? WHERE ?? = ? AND ?? < ?? AND ?? > ? RETURNING ${returned}, (SELECT ?? FROM ?? WHERE ?? = ??.?? LIMIT 1) AS role_id`,
      [
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
        ...REDEEMABLE_ATTRIBUTES.map(table.column),
        table.roleLink.inverseJoinColumn.name,
        table.roleLink.name,
        table.roleLink.joinColumn.name,
        table.name,
        table.column('id'),
      ]
    )
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
 * An advisory lock key for one identifier of a registrant (a lower-case email or a username): the
 * first 8 bytes of its SHA-256, as the signed bigint PostgreSQL takes.
 */
const registrantLockKey = (identifier: string) =>
  createHash('sha256').update(`invitations registrant ${identifier}`).digest().readBigInt64BE(0).toString();

/**
 * PostgreSQL, for a registration that takes its seat only when it records the redemption (see
 * record-redemption.ts): the link and its role by token hash, as the seat UPDATE returns them,
 * without taking the seat. The row is held FOR KEY SHARE until the transaction ends, which lets
 * other registrations take seats (their UPDATE needs a lock that does not conflict) but makes an
 * admin's edit or delete (FOR UPDATE first) wait, so the settings read here are the ones the
 * account is made with. And the registrant's identifiers are locked (advisory, in a fixed order),
 * so that two sign-ups with the same email or username queue up instead, and users-permissions'
 * "already taken" sees the first. Null when no link has that token.
 */
export const readLinkToTakeSeatLater = async <T>(
  strapi: Core.Strapi,
  tokenHash: string,
  identifiers: string[],
  trx: Knex.Transaction
): Promise<T | null> => {
  const table = invitationTable(strapi);
  const keys = [...new Set(identifiers.map(registrantLockKey))].sort();
  const locks = keys.map(() => ', pg_advisory_xact_lock(?::bigint)').join('');
  const returned = REDEEMABLE_ATTRIBUTES.map(() => '??').join(', ');
  const { rows } = await strapi.db.connection
    .raw(
      `SELECT ${returned}, (SELECT ?? FROM ?? WHERE ?? = ??.?? LIMIT 1) AS role_id${locks} FROM ?? WHERE ?? = ? FOR KEY SHARE`,
      [
        ...REDEEMABLE_ATTRIBUTES.map(table.column),
        table.roleLink.inverseJoinColumn.name,
        table.roleLink.name,
        table.roleLink.joinColumn.name,
        table.name,
        table.column('id'),
        ...keys,
        table.name,
        table.column('tokenHash'),
        tokenHash,
      ]
    )
    .transacting(trx);
  return rows.length === 1 ? (toInvitation(strapi, rows[0]) as T) : null;
};
