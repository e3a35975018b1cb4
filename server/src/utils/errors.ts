import { errors } from '@strapi/utils';
import {
  ACCESS_REQUEST_DECIDED,
  ALREADY_ACCEPTED,
  CODE_TAKEN,
  EXISTING_ACCOUNTS_NOT_ALLOWED,
  NOT_SIGNED_IN,
  SAME_ROLE,
  EMAIL_DOMAIN_REFUSED,
  EMAIL_MISMATCH,
  PERSONAL_LINK_USED,
  invitationStatus,
  type RecipientStatus,
  type SeatState,
} from '../../../shared';

/*
 * `@strapi/utils` is a peer dependency: these classes are the site's own, the very ones Strapi's
 * error middleware checks with `instanceof`. A private copy (another version nested under the
 * plugin) would make every error here a 500.
 */

const NAME_BY_STATUS = {
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  409: 'ConflictError',
  410: 'GoneError',
  502: 'BadGatewayError',
  503: 'ServiceUnavailableError',
} as const;

/**
 * An HTTP error Strapi's error middleware formats as it is: `{ data: null, error: { status, name,
 * message, details } }`. Strapi has no ApplicationError for 409 or 410, and its route authorizer
 * turns an ApplicationError ForbiddenError thrown by a handler into a bare "Forbidden"; an
 * `errors.HttpError` passes through intact. That class (http-errors' HttpError) cannot be
 * constructed, only recognised, hence the prototype link to the site's own copy.
 */
class InvitationHttpError extends Error {
  readonly expose = true;

  readonly statusCode: number;

  constructor(
    readonly status: keyof typeof NAME_BY_STATUS,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = NAME_BY_STATUS[status];
    this.statusCode = status;
  }
}
Object.setPrototypeOf(InvitationHttpError.prototype, errors.HttpError.prototype);

/** 410 Gone in Strapi's error format. */
export const goneError = (message: string, details: Record<string, unknown> = {}) =>
  new InvitationHttpError(410, message, details);

/** 503: the rate limit's store failed, so the request cannot be counted and is not let through uncounted. */
export const rateLimitUnavailableError = () =>
  new InvitationHttpError(503, 'This service is unavailable for a moment, please try again later.', {
    reason: 'rate-limit-unavailable',
  });

/** 403 with its message kept (see InvitationHttpError). */
export const invitationRequiredError = () => new InvitationHttpError(403, 'An invitation is required to register');

/** 403: the address is not at one of the link's domains; the answer says which are. */
export const emailDomainRefusedError = (allowedEmailDomains: string[]) =>
  new InvitationHttpError(403, `This invitation is only for email addresses at ${allowedEmailDomains.join(', ')}`, {
    reason: EMAIL_DOMAIN_REFUSED,
    allowedEmailDomains,
  });

/** 400 about the registration's email, in the shape of users-permissions' own field errors. */
export const emailFieldError = (message: string) =>
  new errors.ValidationError(message, { errors: [{ path: ['email'], message, name: 'ValidationError' }] });

export const unknownInvitationError = () => new errors.NotFoundError('This invitation link does not exist or has been deleted');

/** The error that says why a link can no longer be used. */
export const unusableInvitationError = (invitation: SeatState) =>
  invitationStatus(invitation) === 'exhausted'
    ? goneError('This invitation link has been used up', { reason: 'exhausted' })
    : goneError('This invitation link has expired', { reason: 'expired' });

/** 409: the link's token cannot be decrypted any more (the site's secret changed), so it cannot be sent. */
export const linkUnavailableError = () =>
  new InvitationHttpError(409, "This invitation link can no longer be shown (the site's secret key changed): create a new link", {
    reason: 'link-unavailable',
  });

/** 403: a personal link makes an account only for the address it was sent to. */
export const emailMismatchError = () =>
  new InvitationHttpError(403, 'This invitation link is personal: it can only be used with the email address it was sent to', {
    reason: EMAIL_MISMATCH,
  });

/** `details.reason` of the 403 for a provider sign-up whose address the provider does not vouch for. */
export const PROVIDER_EMAIL_UNVERIFIED = 'provider-email-unverified';

/**
 * 403: a personal or domain-limited link trusts the address, and this provider does not vouch
 * that its addresses are verified (`verifiedEmailProviders`).
 */
export const providerEmailUnverifiedError = (provider: string) =>
  new InvitationHttpError(
    403,
    `This invitation only accepts a verified email address, and ${provider} does not confirm that its addresses are verified: sign up with the form or another provider`,
    { reason: PROVIDER_EMAIL_UNVERIFIED, provider }
  );

/** 410: a personal link makes one account. */
export const personalLinkUsedError = () =>
  goneError('This personal invitation link has already been used', { reason: PERSONAL_LINK_USED });

/** 409: resend and revoke apply to a personal link not used yet; `details.status` says what it is instead. */
export const recipientNotPendingError = (status: RecipientStatus) =>
  new InvitationHttpError(
    409,
    status === 'accepted'
      ? 'This personal link has already been used to create an account'
      : 'This personal link has been revoked',
    { reason: 'not-pending', status }
  );

/** 502: the email provider refused the message; nothing else changed. */
export const emailNotSentError = (error: string) =>
  new InvitationHttpError(502, `The email could not be sent: ${error}`, { reason: 'email-failed', error });

/** `details.reason` of the 403 refusing content-API user creation while invitations are required. */
export const USER_CREATION_BY_USERS_OFF = 'user-creation-by-users-off';

/** 403: accounts come through invitations; the answer names the option that allows user creation. */
export const userCreationRefusedError = () =>
  new InvitationHttpError(
    403,
    'Accounts are created through invitations: creating users through the API is off (plugin option allowUserCreationByUsers)',
    { reason: USER_CREATION_BY_USERS_OFF, option: 'allowUserCreationByUsers' }
  );

type RoleRefusal =
  | { reason: 'assignable-roles'; assignableRoles: string[] }
  | { reason: 'content-manager-permission'; missing: { action: string; subject: string; field: string } };

const roleRefusalMessage = (role: { name: string }, refusal: RoleRefusal) =>
  refusal.reason === 'assignable-roles'
    ? `The role "${role.name}" is not in the plugin's assignableRoles option: no link may give it`
    : `Giving the role "${role.name}" needs the Content Manager's permission ${refusal.missing.action} on ${refusal.missing.subject}, including its ${refusal.missing.field} field`;

/** 403: the admin may not give this role through a link; `details` names what is missing. */
export const roleNotAssignableError = (role: { id: number; name: string }, refusal: RoleRefusal) =>
  new InvitationHttpError(403, roleRefusalMessage(role, refusal), { ...refusal, role: { id: role.id, name: role.name } });

/** 401: accepting a link needs a member's valid users-permissions token, of an account that may sign in. */
export const notSignedInError = () =>
  new InvitationHttpError(401, 'Sign in to accept this invitation: a valid token of an account that is not blocked is needed', {
    reason: NOT_SIGNED_IN,
  });

/** 403: the link makes new accounts only. */
export const existingAccountsNotAllowedError = () =>
  new InvitationHttpError(403, 'This invitation link only creates new accounts: it cannot be accepted with an existing one', {
    reason: EXISTING_ACCOUNTS_NOT_ALLOWED,
  });

/** 409: the account has already come through this link. */
export const alreadyAcceptedError = () =>
  new InvitationHttpError(409, 'This account has already used this invitation link', { reason: ALREADY_ACCEPTED });

/** 409: nothing to change, the account has the link's role already. */
export const sameRoleError = (role: { id: number; name: string }) =>
  new InvitationHttpError(409, `This account already has the role "${role.name}" that this invitation gives`, {
    reason: SAME_ROLE,
    role: { id: role.id, name: role.name },
  });

/** 409: another link has this code (compared without case, spaces or dashes). */
export const codeTakenError = () =>
  new InvitationHttpError(409, 'Another invitation link already has this code: choose another one', { reason: CODE_TAKEN });

/** `details.reason` of the 403 for auto-approve domains set by an admin without the send action. */
export const AUTO_APPROVE_NEEDS_SEND = 'auto-approve-needs-send';

/** 403: a link with auto-approve domains mails personal links by itself, which takes "Send invitations by email". */
export const autoApproveNeedsSendError = () =>
  new InvitationHttpError(
    403,
    'Setting autoApproveDomains needs the "Send invitations by email" permission: such a link emails personal links by itself',
    { reason: AUTO_APPROVE_NEEDS_SEND }
  );

/** 409: an access request is approved or declined once. */
export const alreadyDecidedError = (ids: number[]) =>
  new InvitationHttpError(
    409,
    ids.length === 1 ? 'This access request has already been decided' : `${ids.length} access requests have already been decided`,
    { reason: ACCESS_REQUEST_DECIDED, ids }
  );

/** 409: only an approved request has a personal link to mail again. */
export const accessRequestNotApprovedError = (status: string) =>
  new InvitationHttpError(409, `Only an approved request's link can be sent again; this one is ${status}`, {
    reason: 'not-approved',
    status,
  });

/** 409: the link an approval sent a personal link of was deleted since, and its personal links with it. */
export const approvalLinkDeletedError = () =>
  new InvitationHttpError(409, 'The link this request was approved into has been deleted, and its personal link with it', {
    reason: 'invitation-deleted',
  });
