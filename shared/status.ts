export const INVITATION_STATUSES = ['active', 'expired', 'exhausted'] as const;

export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface SeatState {
  maxUses: number;
  usedCount: number;
  expiresAt: string | Date;
}

export const remainingSeats = ({ maxUses, usedCount }: SeatState) => Math.max(0, maxUses - usedCount);

/** Used up wins over expired: raising the limit would not revive an expired link, and vice versa. */
export const invitationStatus = (invitation: SeatState, now = new Date()): InvitationStatus => {
  if (remainingSeats(invitation) === 0) return 'exhausted';
  if (new Date(invitation.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
};
