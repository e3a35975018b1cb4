import type { Core } from '@strapi/strapi';
import { REDEMPTION_UID } from '../constants';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/**
 * Writes a redemption row and its two links (the invitation, the user) in the open transaction:
 * three INSERTs. Strapi's `create` would read the row back afterwards, which nobody here needs;
 * `createMany` inserts with the same defaults (document id, timestamps) and reads nothing, and the
 * links are the rows `create` would have written.
 */
export const insertRedemption = async (
  strapi: Core.Strapi,
  { invitationId, userId, redeemedAt }: { invitationId: number; userId: number; redeemedAt: Date }
) => {
  const { ids } = await strapi.db.query(REDEMPTION_UID).createMany({ data: [{ redeemedAt }] });
  const attributes = strapi.db.metadata.get(REDEMPTION_UID).attributes as Record<string, { joinTable: JoinTable }>;
  const links: Array<[string, number]> = [
    ['invitation', invitationId],
    ['user', userId],
  ];
  // Nested: joins the registration's transaction, whose connection a raw query must use.
  await strapi.db.transaction(async ({ trx }) => {
    for (const [attribute, targetId] of links) {
      const { name, joinColumn, inverseJoinColumn } = attributes[attribute].joinTable;
      await strapi.db
        .connection(name)
        .transacting(trx)
        .insert({ [joinColumn.name]: ids[0], [inverseJoinColumn.name]: targetId });
    }
  });
};
