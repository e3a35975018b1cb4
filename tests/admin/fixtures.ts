import type { Invitation } from '../../shared';

/** An active link, unused, expiring in a week, as the admin API returns it; `overrides` change any field. */
export const makeInvitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  id: 7,
  name: 'Board',
  maxUses: 10,
  usedCount: 0,
  remaining: 10,
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  status: 'active',
  token: 'x'.repeat(43),
  url: `http://localhost/invitations/join/${'x'.repeat(43)}`,
  role: null,
  welcomeMessage: null,
  redirectUrl: null,
  userDefaults: {},
  allowedEmailDomains: [],
  autoApproveDomains: [],
  allowExistingAccounts: false,
  hasCode: false,
  createdAt: new Date().toISOString(),
  createdBy: null,
  ...overrides,
});

/** What the fetch client rejects with when the admin API answers a 400 ValidationError about the field at `path`. */
export const fieldRefusal = (path: string[], message: string) => ({
  response: {
    data: { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path, message }] } } },
  },
});
