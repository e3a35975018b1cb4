import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DELIVERY_UID } from '../constants';
import type { Delivery, DeliveryKind, DeliveryLog, DeliveryStatus } from '../../../shared';
import { ADMIN_AUTHOR_FIELDS, presentAdminAuthor } from '../utils/admin-author';
import { deleteInBatches } from '../utils/delete-in-batches';
import { getService } from '../utils/get-service';
import type { CsvExport } from '../export/csv-export';

/** How many records an invitation's detail shows; the counts cover them all. */
const DELIVERY_LOG_SIZE = 200;

export interface DeliveryRow {
  id: number;
  recipient: string;
  status: DeliveryStatus;
  kind: DeliveryKind | null;
  error: string | null;
  sentAt: string | Date;
  createdBy?: { id: number; firstname?: string | null; lastname?: string | null; email: string } | null;
}

const present = (row: DeliveryRow): Delivery => ({
  id: row.id,
  recipient: row.recipient,
  status: row.status,
  kind: row.kind ?? 'invitation',
  error: row.error ?? null,
  sentAt: new Date(row.sentAt).toISOString(),
  sentBy: presentAdminAuthor(row.createdBy),
});

const CSV_COLUMNS: CsvExport<DeliveryRow>['columns'] = [
  { header: 'recipient', value: (row) => row.recipient },
  { header: 'status', value: (row) => row.status },
  { header: 'kind', value: (row) => row.kind ?? 'invitation' },
  { header: 'error', value: (row) => row.error },
  { header: 'sentAt', value: (row) => new Date(row.sentAt).toISOString() },
  { header: 'sentBy', value: (row) => row.createdBy?.email ?? null },
];

const ROW_FIELDS = ['id', 'recipient', 'status', 'kind', 'error', 'sentAt'];

export interface DeliveryOutcome {
  recipient: string;
  error: string | null;
  /** Left out: an invitation an admin sent. */
  kind?: DeliveryKind;
  /** Written in the same transaction as the record (a reminder's remindedAt), once the email went. */
  onSent?: (trx: Knex.Transaction) => Promise<void>;
}

/**
 * The record of invitation emails: who was sent which link, when, by whom, and what happened; the
 * site's own reminders too (kind `reminder`, sent by no admin).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(DELIVERY_UID);

  return {
    /**
     * Records one attempt, unless the invitation was deleted meanwhile (then false). The row lock
     * makes a delete wait for the record, and the record wait for a delete, so none is left behind.
     */
    async record(invitationId: number, outcome: DeliveryOutcome, adminUserId: number | undefined): Promise<boolean> {
      return strapi.db.transaction(async ({ trx }) => {
        if (!(await getService(strapi, 'seats').lockForChange(invitationId, trx))) return false;
        await query().create({
          data: {
            invitation: invitationId,
            recipient: outcome.recipient,
            status: outcome.error === null ? 'sent' : 'failed',
            kind: outcome.kind ?? 'invitation',
            error: outcome.error,
            sentAt: new Date(),
            ...(adminUserId && { createdBy: adminUserId, updatedBy: adminUserId }),
          },
        });
        if (outcome.error === null) await outcome.onSent?.(trx);
        return true;
      });
    },

    async logFor(invitationId: number): Promise<DeliveryLog> {
      const where = { invitation: { id: invitationId } };
      const [rows, sent, failed] = await Promise.all([
        query().findMany({
          select: ROW_FIELDS,
          where,
          populate: { createdBy: { select: ADMIN_AUTHOR_FIELDS } },
          orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
          limit: DELIVERY_LOG_SIZE,
        }),
        query().count({ where: { ...where, status: 'sent' } }),
        query().count({ where: { ...where, status: 'failed' } }),
      ]);
      return { total: sent + failed, sent, failed, latest: (rows as DeliveryRow[]).map(present) };
    },

    /** The emails sent with a link as a CSV download, oldest first; `sentBy` is the admin's email. */
    csvExport(invitationId: number): CsvExport<DeliveryRow> {
      return {
        filename: `invitation-${invitationId}-deliveries.csv`,
        columns: CSV_COLUMNS,
        readBatch: async (afterId, limit) =>
          (await query().findMany({
            select: ROW_FIELDS,
            where: { invitation: { id: invitationId }, id: { $gt: afterId } },
            populate: { createdBy: { select: ADMIN_AUTHOR_FIELDS } },
            orderBy: { id: 'asc' },
            limit,
          })) as DeliveryRow[],
      };
    },

    /** Deletes an invitation's records; called inside the invitation's delete transaction. */
    deleteFor(invitationId: number) {
      return deleteInBatches(strapi, DELIVERY_UID, { invitation: { id: invitationId } });
    },
  };
};
