import type { Core, UID } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { columnName, tableName } from './sql';

/** A row holding a link's encrypted copy. */
export interface TokenCopyRow {
  id: number;
  tokenHash: string;
  tokenCiphertext: string | null;
}

/**
 * Stores, in place of each copy an older encryption key made, one made with the newest key, so a
 * rotated-out key can later be dropped from `encryptionKey`. Each row changes only if its copy is
 * still the one read; the rows given hold the new copies afterwards. Never throws: a copy not
 * written now is renewed by a later read. Not for use inside a transaction (it uses its own
 * connection, which would wait for the transaction's locks).
 */
export const renewTokenCopies = async <Row extends TokenCopyRow>(strapi: Core.Strapi, uid: UID.Schema, rows: Row[]) => {
  const tokens = getService(strapi, 'tokens');
  const stale = rows.flatMap((row) => {
    const { renewed } = tokens.open(row.tokenCiphertext, row.tokenHash);
    return renewed ? [{ row, renewed }] : [];
  });
  if (stale.length === 0) return rows;
  const table = tableName(strapi, uid);
  const ciphertextColumn = columnName(strapi, uid, 'tokenCiphertext');
  for (const { row, renewed } of stale) {
    try {
      await strapi.db
        .connection(table)
        .where('id', row.id)
        .andWhere(ciphertextColumn, row.tokenCiphertext)
        .update({ [ciphertextColumn]: renewed });
      row.tokenCiphertext = renewed;
    } catch (error) {
      strapi.log.warn(
        `[invitations] A link copy of ${uid} ${row.id} could not be stored under the newest encryption key: ${(error as Error).message}`
      );
    }
  }
  return rows;
};
