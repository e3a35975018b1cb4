/**
 * Accepting a link with an account one already has: the member's role becomes the link's. The
 * refusals' `details.reason`, and what each redemption records about how it was made.
 */

/** How an account came through a link: made by it (a sign-up), or an existing one that accepted it. */
export type RedemptionKind = 'registered' | 'accepted';

/** 403: the link is for new accounts only (`allowExistingAccounts` is off). */
export const EXISTING_ACCOUNTS_NOT_ALLOWED = 'existing-accounts-not-allowed';

/** 409: this account has already come through this link (accepted it, or was made by it). */
export const ALREADY_ACCEPTED = 'already-accepted';

/** 409: the account already has the role the link gives. */
export const SAME_ROLE = 'same-role';

/** 401: no valid users-permissions token, or an account that may not sign in (blocked, unconfirmed). */
export const NOT_SIGNED_IN = 'not-signed-in';
