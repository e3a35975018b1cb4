// The admin API's shapes come from the server code that produces them, so the two cannot drift.
export type { InvitationStatus } from '../../server/src/utils/status';
export type { Invitation } from '../../server/src/services/invitations';
export type { UserField } from '../../server/src/services/first-access';
import type { UserField } from '../../server/src/services/first-access';
import type { Invitation } from '../../server/src/services/invitations';
import type { DeliveryLog } from '../../server/src/services/deliveries';
export type { DeliveryLog } from '../../server/src/services/deliveries';
export type { ComposedEmail as EmailPreview, SendResult } from '../../server/src/services/invitation-emails';
export type { EmailOptions } from '../../server/src/validation/send';

export interface Redemption {
  user: { id: number; username: string; email: string } | null;
  redeemedAt: string;
}

export interface InvitationDetail extends Invitation {
  redemptions: Redemption[];
  /** The emails sent with this link ("Send invitation"). */
  deliveries: DeliveryLog;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface AssignableRole {
  id: number;
  name: string;
  description: string | null;
  type: string;
  isDefault: boolean;
}

export interface InvitationInput {
  name: string;
  maxUses: number;
  expiresAt: string;
  role: number | null;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  userDefaults: Record<string, unknown> | null;
}

/** What the create/edit dialog may offer besides roles. */
export interface FirstAccessOptions {
  userFields: UserField[];
  redirectOrigins: string[];
}

export interface ListParams {
  page: number;
  pageSize: number;
  sort: string;
  q?: string;
}
