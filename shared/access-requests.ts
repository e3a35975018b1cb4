/**
 * Requests for access: what a person without a link sends (`POST /api/invitations/requests`) and
 * what the admin panel's *Access requests* page reads and decides. Shared so that the server's
 * validation and the admin's forms apply the same limits.
 */

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export const ACCESS_REQUEST_NAME_MAX_LENGTH = 100;
export const ACCESS_REQUEST_MESSAGE_MAX_LENGTH = 1000;
/** The most requests one bulk approve or decline takes. */
export const ACCESS_REQUEST_BULK_MAX = 100;
export const DECLINE_MESSAGE_MAX_LENGTH = 2000;

/**
 * The form field people never see (hidden from eyes and screen readers): a bot that fills every
 * field fills it, and its request is dropped with the same answer as any other.
 */
export const ACCESS_REQUEST_HONEYPOT_FIELD = 'website';

/** `details.reason` of the 409 for a request that was already approved or declined. */
export const ACCESS_REQUEST_DECIDED = 'already-decided';
