import type { Knex } from 'knex';
import type { InvitationStatus } from '../../../shared';

export interface SeatColumns {
  maxUses: string;
  usedCount: string;
  expiresAt: string;
}

/**
 * Narrows `query` to the links in `status` at `now`, by the rules of shared/status.ts
 * `invitationStatus`: used up wins over expired, so "expired" and "active" both mean seats left.
 */
export const whereStatus = (query: Knex.QueryBuilder, columns: SeatColumns, status: InvitationStatus, now: Date) => {
  if (status === 'exhausted') return query.whereRaw('?? >= ??', [columns.usedCount, columns.maxUses]);
  query.whereRaw('?? < ??', [columns.usedCount, columns.maxUses]);
  return status === 'expired' ? query.where(columns.expiresAt, '<=', now) : query.where(columns.expiresAt, '>', now);
};
