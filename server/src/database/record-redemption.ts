import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { REDEMPTION_UID } from '../constants';
import { columnName, joinTableOf, tableName } from './sql';
import { seatUpdate } from './take-seat';
import type { RedemptionKind } from '../../../shared';

const REGISTERED: RedemptionKind = 'registered';

interface RedemptionValues {
  invitationId: number;
  userId: number;
  redeemedAt: Date;
}

/** An existing account that accepted the link: the role it had until then (null: none). */
interface AcceptanceValues extends RedemptionValues {
  previousRoleId: number | null;
}

/**
 * Strapi's way, on every engine: `createMany` inserts the row with the model's defaults (document
 * id, timestamps) and reads nothing back, as `create` would; then the link rows `create` would
 * have written (the invitation, the user and, for an accept, the previous role).
 */
const insertThroughQueryEngine = async (
  strapi: Core.Strapi,
  {
    invitationId,
    userId,
    redeemedAt,
    kind,
    previousRoleId,
  }: RedemptionValues & { kind: RedemptionKind; previousRoleId?: number | null },
  trx: Knex.Transaction
) => {
  const { ids } = await strapi.db.query(REDEMPTION_UID).createMany({ data: [{ redeemedAt, kind }] });
  const links: Array<[string, number]> = [
    ['invitation', invitationId],
    ['user', userId],
    ...(typeof previousRoleId === 'number' ? [['previousRole', previousRoleId] as [string, number]] : []),
  ];
  for (const [attribute, targetId] of links) {
    const { name, ownerColumn, targetColumn } = joinTableOf(strapi, REDEMPTION_UID, attribute);
    await trx(name).insert({ [ownerColumn]: ids[0], [targetColumn]: targetId });
  }
};

/**
 * PostgreSQL lets an INSERT feed others in one statement: the same row and links, written as the
 * query engine writes them (its document id generator, the four timestamps), in one round trip.
 * With `takeSeat`, the statement starts with the seat's conditional UPDATE (seats left and not
 * expired) and writes nothing when it takes none. Resolves with whether the redemption was written.
 */
const insertInOneStatement = async (
  strapi: Core.Strapi,
  { invitationId, userId, redeemedAt }: RedemptionValues,
  trx: Knex.Transaction,
  { newDocumentId, takeSeat }: { newDocumentId: () => string; takeSeat: boolean }
) => {
  const column = (attribute: string) => columnName(strapi, REDEMPTION_UID, attribute);
  const timestamps = ['createdAt', 'updatedAt', 'publishedAt'].map(column);
  const byInvitation = joinTableOf(strapi, REDEMPTION_UID, 'invitation');
  const byUser = joinTableOf(strapi, REDEMPTION_UID, 'user');
  const seat = takeSeat ? seatUpdate(strapi, { id: invitationId }, redeemedAt) : null;
  const { rows } = await trx.raw(
    `${seat ? `WITH seat AS (${seat.sql} RETURNING id), redemption` : 'WITH redemption'} AS (INSERT INTO ?? (??, ??, ??, ??, ??, ??) ` +
      `SELECT ?, ?, ?, ?, ?, ?${seat ? ' FROM seat' : ''} RETURNING id), ` +
      'by_invitation AS (INSERT INTO ?? (??, ??) SELECT id, ? FROM redemption) ' +
      'INSERT INTO ?? (??, ??) SELECT id, ? FROM redemption RETURNING 1 AS written',
    [
      ...(seat ? seat.bindings : []),
      tableName(strapi, REDEMPTION_UID),
      column('documentId'),
      column('redeemedAt'),
      column('kind'),
      ...timestamps,
      newDocumentId(),
      redeemedAt,
      REGISTERED,
      redeemedAt,
      redeemedAt,
      redeemedAt,
      byInvitation.name,
      byInvitation.ownerColumn,
      byInvitation.targetColumn,
      invitationId,
      byUser.name,
      byUser.ownerColumn,
      byUser.targetColumn,
      userId,
    ]
  );
  return rows.length === 1;
};

/** On PostgreSQL, the query engine's own document id generator, for the one-statement record; null elsewhere. */
const documentIdGenerator = (strapi: Core.Strapi): (() => string) | null => {
  if (strapi.db.dialect.client !== 'postgres') return null;
  const { documentId } = strapi.db.metadata.get(REDEMPTION_UID).attributes as { documentId?: { default?: unknown } };
  return typeof documentId?.default === 'function' ? (documentId.default as () => string) : null;
};

/** Whether insertRedemption can take the seat in the statement that records the redemption. */
export const takesSeatWithRedemption = (strapi: Core.Strapi) => documentIdGenerator(strapi) !== null;

/**
 * Writes a redemption row and its two links (the invitation, the user) in the registration's
 * transaction. With `takeSeat` (PostgreSQL only: see lockAndReadLink), the same statement
 * takes the seat first; resolves with false, having written nothing, when no seat is left.
 */
export const insertRedemption = async (
  strapi: Core.Strapi,
  values: RedemptionValues,
  trx: Knex.Transaction,
  { takeSeat = false } = {}
): Promise<boolean> => {
  const newDocumentId = documentIdGenerator(strapi);
  if (newDocumentId) return insertInOneStatement(strapi, values, trx, { newDocumentId, takeSeat });
  if (takeSeat) throw new Error('Taking the seat with the redemption needs PostgreSQL');
  await insertThroughQueryEngine(strapi, { ...values, kind: REGISTERED }, trx);
  return true;
};

/**
 * Writes the redemption of an existing account that accepted the link (its seat already taken),
 * with the role it had. Rare next to sign-ups: the query engine's way on every engine.
 */
export const insertAcceptance = (strapi: Core.Strapi, values: AcceptanceValues, trx: Knex.Transaction) =>
  insertThroughQueryEngine(strapi, { ...values, kind: 'accepted' }, trx);
