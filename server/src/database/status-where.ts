import type { Knex } from 'knex';
import type { InvitationStatus } from '../../../shared';

export interface SeatColumns {
  maxUses: string;
  usedCount: string;
  expiresAt: string;
}

/**
 * The two sides of "used up", as raw SQL on (usedCount, maxUses). The status indexes
 * (database/link-indexes.ts) carry the same conditions, which is what lets the planners use them.
 */
export const SEATS_LEFT = '?? < ??';
export const USED_UP = '?? >= ??';

/**
 * Narrows `query` to the links in `status` at `now`, by the rules of shared/status.ts
 * `invitationStatus`: used up wins over expired, so "expired" and "active" both mean seats left.
 */
export const whereStatus = (query: Knex.QueryBuilder, columns: SeatColumns, status: InvitationStatus, now: Date) => {
  const seats = [columns.usedCount, columns.maxUses];
  if (status === 'exhausted') return query.whereRaw(USED_UP, seats);
  query.whereRaw(SEATS_LEFT, seats);
  return status === 'expired' ? query.where(columns.expiresAt, '<=', now) : query.where(columns.expiresAt, '>', now);
};
