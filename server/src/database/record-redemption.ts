import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { REDEMPTION_UID, USER_UID } from '../constants';
import { columnName, joinTableOf, tableName } from './sql';
import { seatUpdate } from './take-seat';

interface RedemptionValues {
  invitationId: number;
  userId: number;
  redeemedAt: Date;
  /** The account's role, when its INSERT left the link to the redemption (PostgreSQL only). */
  roleId?: number;
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

/** A part of the one-statement record: SQL with `?`/`??` placeholders and what fills them. */
interface Fragment {
  sql: string;
  bindings: unknown[];
}

/**
 * The account's role link as the query engine writes it (attachRelations): the role's next
 * position among its users, when the relation keeps one. `FROM redemption`: written only with the
 * redemption, so a refused seat writes no link either (the rollback would undo it anyway).
 */
const roleLinkInsert = (strapi: Core.Strapi, userId: number, roleId: number): Fragment => {
  const { name, ownerColumn, targetColumn, targetOrderColumn } = joinTableOf(strapi, USER_UID, 'role');
  if (!targetOrderColumn) {
    return {
      sql: 'INSERT INTO ?? (??, ??) SELECT ?, ? FROM redemption',
      bindings: [name, ownerColumn, targetColumn, userId, roleId],
    };
  }
  return {
    sql: 'INSERT INTO ?? (??, ??, ??) SELECT ?, ?, COALESCE((SELECT max(??) FROM ?? WHERE ?? = ?), 0) + 1 FROM redemption',
    bindings: [name, ownerColumn, targetColumn, targetOrderColumn, userId, roleId, targetOrderColumn, name, targetColumn, roleId],
  };
};

/**
 * PostgreSQL lets an INSERT feed others in one statement: the same row and links, written as the
 * query engine writes them (its document id generator, the four timestamps), in one round trip.
 * With `takeSeat`, the statement starts with the seat's conditional UPDATE (seats left and not
 * expired) and writes nothing when it takes none. With a `roleId`, it also links the account to its
 * role (takeRoleLink in redemption-scope.ts: the account's INSERT leaves that link to this
 * statement, which saves the query engine's two round trips for it). Resolves with whether the redemption was written.
 */
const insertInOneStatement = async (
  strapi: Core.Strapi,
  { invitationId, userId, redeemedAt, roleId }: RedemptionValues,
  trx: Knex.Transaction,
  { newDocumentId, takeSeat }: { newDocumentId: () => string; takeSeat: boolean }
) => {
  const column = (attribute: string) => columnName(strapi, REDEMPTION_UID, attribute);
  const timestamps = ['createdAt', 'updatedAt', 'publishedAt'].map(column);
  const byInvitation = joinTableOf(strapi, REDEMPTION_UID, 'invitation');
  const byUser = joinTableOf(strapi, REDEMPTION_UID, 'user');
  const seat = takeSeat ? seatUpdate(strapi, { id: invitationId }, redeemedAt) : null;
  const roleLink = roleId === undefined ? null : roleLinkInsert(strapi, userId, roleId);
  const steps: Fragment[] = [
    ...(seat ? [{ sql: `seat AS (${seat.sql} RETURNING id)`, bindings: seat.bindings }] : []),
    {
      sql: `redemption AS (INSERT INTO ?? (??, ??, ??, ??, ??) SELECT ?, ?, ?, ?, ?${seat ? ' FROM seat' : ''} RETURNING id)`,
      bindings: [
        tableName(strapi, REDEMPTION_UID),
        column('documentId'),
        column('redeemedAt'),
        ...timestamps,
        newDocumentId(),
        redeemedAt,
        redeemedAt,
        redeemedAt,
        redeemedAt,
      ],
    },
    {
      sql: 'by_invitation AS (INSERT INTO ?? (??, ??) SELECT id, ? FROM redemption)',
      bindings: [byInvitation.name, byInvitation.ownerColumn, byInvitation.targetColumn, invitationId],
    },
    ...(roleLink ? [{ sql: `user_role AS (${roleLink.sql})`, bindings: roleLink.bindings }] : []),
  ];
  const { rows } = await trx.raw(
    `WITH ${steps.map(({ sql }) => sql).join(', ')} INSERT INTO ?? (??, ??) SELECT id, ? FROM redemption RETURNING 1 AS written`,
    [...steps.flatMap(({ bindings }) => bindings), byUser.name, byUser.ownerColumn, byUser.targetColumn, userId]
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
 * takes the seat first; resolves with false, having written nothing, when no seat is left. With
 * `values.roleId` (PostgreSQL only), it also writes the account's role link.
 */
export const insertRedemption = async (
  strapi: Core.Strapi,
  values: RedemptionValues,
  trx: Knex.Transaction,
  { takeSeat = false } = {}
): Promise<boolean> => {
  const newDocumentId = documentIdGenerator(strapi);
  if (newDocumentId) return insertInOneStatement(strapi, values, trx, { newDocumentId, takeSeat });
  if (takeSeat || values.roleId !== undefined)
    throw new Error('Taking the seat or the role with the redemption needs PostgreSQL');
  await insertThroughQueryEngine(strapi, values, trx);
  return true;
};
