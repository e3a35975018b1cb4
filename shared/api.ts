/**
 * The shapes of the plugin's admin API: what the server answers and what the admin panel sends.
 * Both sides import them from here, so they cannot drift apart.
 */
import type { InvitationStatus } from './status';
import type { EmailKind } from './email-templates';
import type { RedemptionKind } from './accept';
import type { AccessRequestStatus } from './access-requests';

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
  /**
   * The token and the address to give people: only for an admin whose role has "Show and copy
   * links" (absent otherwise); null when the link can no longer be read (the site's key changed).
   */
  token?: string | null;
  url?: string | null;
  role: { id: number; name: string } | null;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  userDefaults: Record<string, unknown>;
  /** Who may sign up: addresses at these domains (see email-domains.ts); empty: any address. */
  allowedEmailDomains: string[];
  /** Access requests from addresses at these domains are approved into this link at once (same syntax); empty: none. */
  autoApproveDomains: string[];
  /** Whether members with an account may accept the link to get its role (`POST /api/invitations/:token/accept`). */
  allowExistingAccounts: boolean;
  /** Whether the link has a code to type by hand. */
  hasCode: boolean;
  /** The code as the admin set it: like `token`, only for an admin who may show links; null: none, or no longer readable. */
  code?: string | null;
  /** The plugin's code page with the code filled in (for a QR code), with `code`; null without one. */
  codeUrl?: string | null;
  createdAt: string;
  createdBy: AdminAuthor | null;
}

/** A users-permissions role as the accept route names it. */
export interface RoleSummary {
  id: number;
  name: string;
  type: string;
}

/** An account created from a link; `user` is null once that account was deleted. */
export interface Redemption {
  user: { id: number; username: string; email: string } | null;
  redeemedAt: string;
  /** `registered`: the link made the account; `accepted`: an existing account accepted the link. */
  kind: RedemptionKind;
  /** An accepted link's: the role the member had before; null for a sign-up, or once that role was deleted. */
  previousRole: { id: number; name: string } | null;
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
  /** How many accounts were made from this link (redemption rows, accounts deleted since included). */
  redemptionCount: number;
  /** The newest redemptions only (the first page of `GET …/redemptions`); the rest is paged. */
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
  /** Access requests approved into this link at once (`example.edu`, `*.example.edu`); setting it needs the send action. */
  autoApproveDomains?: string[] | null;
  /** Left out on create: false. */
  allowExistingAccounts?: boolean;
  /** A code to type by hand (6 to 32 letters, digits and dashes), unique among links; null removes it. */
  code?: string | null;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  sort: string;
  q?: string;
  /** Only links in this state, as the database sees it at the time of the request. */
  status?: InvitationStatus;
}

/** A page of any of the admin's lists. */
export interface Page<T> {
  results: T[];
  pagination: Pagination;
}

/** `GET /invitations/:id/redemptions`: newest first; q matches the username or the email. */
export interface RedemptionsQuery {
  page: number;
  pageSize: number;
  q?: string;
}

/** `POST /invitations/bulk-delete`: at most 100 ids, all or nothing. */
export interface BulkDeleteRequest {
  ids: number[];
}

export interface BulkDeleteResult {
  deleted: number[];
}

/** Sign-ups of one link over time, counted by the database (`GET /invitations/:id/timeline`). */
export interface SignUpTimeline {
  /** Hours for a young link, days otherwise, weeks for a link older than a year. */
  unit: 'hour' | 'day' | 'week';
  /**
   * Every bucket from the link's creation to now (or its expiry, if earlier), empty ones included,
   * oldest first: the accounts that came through the link, and how many of them were existing ones.
   */
  buckets: Array<{ start: string; count: number; accepted: number }>;
  maxUses: number;
  usedCount: number;
}

/** One link in the homepage widget. */
export interface SummaryLink {
  id: number;
  name: string;
  expiresAt: string;
  remaining: number;
}

/** The homepage widget's figures (`GET /summary`), each computed in the database. */
export interface InvitationsSummary {
  activeLinks: number;
  /** Accounts that came through a link: sign-ups and accepts alike. */
  signUpsLast7Days: number;
  signUpsLast30Days: number;
  /** Of those, existing accounts that accepted a link. */
  acceptsLast7Days: number;
  acceptsLast30Days: number;
  /** Active links that expire within 7 days, soonest first (at most 5; the count is exact). */
  expiringSoon: { count: number; links: SummaryLink[] };
  /** Access requests waiting for a decision; null when request access is off or the admin may not review them. */
  pendingAccessRequests: number | null;
}

export type RecipientStatus = 'pending' | 'accepted' | 'revoked';

/** One person a personal link was sent to ("A personal link for each person"). */
export interface Recipient {
  id: number;
  email: string;
  status: RecipientStatus;
  sentAt: string;
  lastSentAt: string;
  sendCount: number;
  acceptedAt: string | null;
  /** The language of the last email sent to them (a language tag such as `de`); null for links sent before it was kept. */
  language: string | null;
  /** The account made with the link; null until accepted, or once that account was deleted. */
  user: { id: number; username: string; email: string } | null;
}

/** `GET /invitations/:id/recipients`: q matches the email. */
export interface RecipientsQuery {
  page: number;
  pageSize: number;
  status?: RecipientStatus;
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

/** A recipient with a language of their own (a CSV file's `language` column): their email is written in it. */
export interface RecipientWithLanguage {
  email: string;
  language?: string;
}

/** `POST /invitations/:id/send`. */
export interface SendRequest extends EmailOptions {
  /** Addresses, or addresses with their own language; the others get the email in `locale`. */
  emails: Array<string | RecipientWithLanguage>;
  /** true: each address gets a link of its own, usable once and only with that address. Default false: the link itself. */
  personal?: boolean;
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
  /** Only for a personal link: the one address it can make an account for. */
  email?: string;
  /** Whether a member who is signed in may accept the link (`POST /api/invitations/:token/accept`). */
  allowExistingAccounts: boolean;
}

/** `POST /api/invitations/:token/accept`: the member, the role the link gave, the one they had. */
export interface AcceptResult {
  user: { id: number; username: string; email: string };
  role: RoleSummary;
  previousRole: RoleSummary | null;
  redirectUrl: string | null;
}

/** One email's subject and body in one language, as edited in Settings > Invitations > Email templates. */
export interface EmailTemplateText {
  subject: string;
  body: string;
}

/** `GET /invitations/email-templates`: one row per kind and language; `PUT` answers one. */
export interface EmailTemplateRow extends EmailTemplateText {
  kind: EmailKind;
  language: string;
  /** What the subject and the body may use, each as `{{name}}`. */
  variables: { subject: string[]; body: string[] };
  /** True when no edit is stored: the template is the config file's, else the built-in one. */
  isDefault: boolean;
  /** What "Reset to default" comes back to. */
  default: EmailTemplateText;
}

/** `POST /invitations/email-templates/:kind/:language/test`. */
export interface EmailTemplateTestResult {
  /** The calling admin's own address, where the test went. */
  sentTo: string;
  subject: string;
}

/** One request for access, as the admin API lists it (see access-requests.ts). */
export interface AccessRequest {
  id: number;
  email: string;
  name: string | null;
  message: string | null;
  status: AccessRequestStatus;
  createdAt: string;
  /** When the address last asked: a repeat while pending updates it rather than adding a request. */
  lastRequestedAt: string;
  decidedAt: string | null;
  decidedBy: AdminAuthor | null;
  /** Whether a domain of the link approved it at once (`autoApproveDomains`). */
  autoApproved: boolean;
  /** The link an approval sent a personal link of. */
  invitation: { id: number; name: string } | null;
  /** Why the approval's email could not be sent, if it could not: the page says so and offers to retry. */
  sendError: string | null;
}

/** `GET /invitations/requests`: a page of requests, and how many there are in each state (whatever the filters). */
export interface AccessRequestsPage extends Page<AccessRequest> {
  counts: Record<AccessRequestStatus, number>;
}

export interface AccessRequestsQuery {
  page: number;
  pageSize: number;
  status?: AccessRequestStatus;
  q?: string;
}

/** `GET /invitations/requests/links`: an active link an approval can send a personal link of. */
export interface ApprovableLink {
  id: number;
  name: string;
  remaining: number;
  expiresAt: string;
}
