import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { REDEMPTION_UID } from '../constants';
import { columnName, joinTableOf, tableName } from './sql';

interface RedemptionValues {
  invitationId: number;
  userId: number;
  redeemedAt: Date;
}

/**
 * Strapi's way, on every engine: `createMany` inserts the row with the model's defaults (document
 * id, timestamps) and reads nothing back, as `create` would; then the two link rows `create`
 * would have written. Three INSERTs.
 */
const insertThroughQueryEngine = async (
  strapi: Core.Strapi,
  { invitationId, userId, redeemedAt }: RedemptionValues,
  trx: Knex.Transaction
) => {
  const { ids } = await strapi.db.query(REDEMPTION_UID).createMany({ data: [{ redeemedAt }] });
  const links: Array<[string, number]> = [
    ['invitation', invitationId],
    ['user', userId],
  ];
  for (const [attribute, targetId] of links) {
    const { name, ownerColumn, targetColumn } = joinTableOf(strapi, REDEMPTION_UID, attribute);
    await trx(name).insert({ [ownerColumn]: ids[0], [targetColumn]: targetId });
  }
};

/**
 * PostgreSQL lets an INSERT feed others in one statement: the same row and links, written as the
 * query engine writes them (its document id generator, the four timestamps), in one round trip.
 */
const insertInOneStatement = async (
  strapi: Core.Strapi,
  { invitationId, userId, redeemedAt }: RedemptionValues,
  trx: Knex.Transaction,
  newDocumentId: () => string
) => {
  const column = (attribute: string) => columnName(strapi, REDEMPTION_UID, attribute);
  const timestamps = ['createdAt', 'updatedAt', 'publishedAt'].map(column);
  const byInvitation = joinTableOf(strapi, REDEMPTION_UID, 'invitation');
  const byUser = joinTableOf(strapi, REDEMPTION_UID, 'user');
  await trx.raw(
    'WITH redemption AS (INSERT INTO ?? (??, ??, ??, ??, ??) VALUES (?, ?, ?, ?, ?) RETURNING id), ' +
      'by_invitation AS (INSERT INTO ?? (??, ??) SELECT id, ? FROM redemption) ' +
      'INSERT INTO ?? (??, ??) SELECT id, ? FROM redemption',
    [
      tableName(strapi, REDEMPTION_UID),
      column('documentId'),
      column('redeemedAt'),
      ...timestamps,
      newDocumentId(),
      redeemedAt,
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
};

/** Writes a redemption row and its two links (the invitation, the user) in the registration's transaction. */
export const insertRedemption = async (strapi: Core.Strapi, values: RedemptionValues, trx: Knex.Transaction) => {
  const { documentId } = strapi.db.metadata.get(REDEMPTION_UID).attributes as { documentId?: { default?: unknown } };
  const newDocumentId = documentId?.default;
  if (strapi.db.dialect.client === 'postgres' && typeof newDocumentId === 'function') {
    return insertInOneStatement(strapi, values, trx, newDocumentId as () => string);
  }
  return insertThroughQueryEngine(strapi, values, trx);
};
