/**
 * The shapes of the plugin's admin API: what the server answers and what the admin panel sends.
 * Both sides import them from here, so they cannot drift apart.
 */
import type { InvitationStatus } from './status';

/** The admin who created a record. */
export interface AdminAuthor {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
}

export interface Invitation {
  id: number;
  name: string;
  maxUses: number;
  usedCount: number;
  remaining: number;
  expiresAt: string;
  status: InvitationStatus;
  token: string | null;
  url: string | null;
  role: { id: number; name: string } | null;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  userDefaults: Record<string, unknown>;
  /** Who may sign up: addresses at these domains (see email-domains.ts); empty: any address. */
  allowedEmailDomains: string[];
  createdAt: string;
  createdBy: AdminAuthor | null;
}

/** An account created from a link; `user` is null once that account was deleted. */
export interface Redemption {
  user: { id: number; username: string; email: string } | null;
  redeemedAt: string;
}

export type DeliveryStatus = 'sent' | 'failed';

/** One invitation email sent from the site. */
export interface Delivery {
  id: number;
  recipient: string;
  status: DeliveryStatus;
  error: string | null;
  sentAt: string;
  sentBy: AdminAuthor | null;
}

/** The emails sent with one invitation: counts, and the latest ones. */
export interface DeliveryLog {
  total: number;
  sent: number;
  failed: number;
  latest: Delivery[];
}

export interface InvitationDetail extends Invitation {
  redemptions: Redemption[];
  /** The emails sent with this link ("Send invitation"). */
  deliveries: DeliveryLog;
}

/** What the create dialog sends; an edit sends only the fields that changed. */
export interface InvitationInput {
  name: string;
  maxUses: number;
  expiresAt: string;
  role: number | null;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  userDefaults: Record<string, unknown> | null;
  allowedEmailDomains: string[] | null;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  sort: string;
  q?: string;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** A users-permissions role an invitation can give; the site's default one is marked. */
export interface AssignableRole {
  id: number;
  name: string;
  description: string | null;
  type: string;
  isDefault: boolean;
}

/** A field of the site's own user type that an invitation may preset. */
export interface UserField {
  name: string;
  type: string;
  enum?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
}

/** What the create/edit dialog may offer besides roles. */
export interface FirstAccessOptions {
  userFields: UserField[];
  redirectOrigins: string[];
}

/** What the admin may change in an invitation email; left out, the template's words. */
export interface EmailOptions {
  subject?: string;
  message?: string;
  locale?: string;
  timeZone?: string;
}

/** An invitation email as it will be sent (the preview). */
export interface ComposedEmail {
  locale: string;
  subject: string;
  text: string;
  html: string;
  /** What the admin's dialog offers before any change: the template's subject and message. */
  defaults: { subject: string; message: string };
}

export interface SeatsWarning {
  code: 'more-recipients-than-seats';
  message: string;
  recipients: number;
  remaining: number;
}

export interface SendResult {
  sent: string[];
  failed: Array<{ email: string; error: string }>;
  /** Seats left on the link: more recipients than this cannot all sign up. */
  remaining: number;
  warnings: SeatsWarning[];
}

/** What the public `GET /api/invitations/:token` tells anyone holding the link. */
export interface PublicInvitationStatus {
  expiresAt: string;
  remaining: number;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  /** So that a front end can say which addresses will do before anyone types one; empty: any. */
  allowedEmailDomains: string[];
}
