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
  createdAt: new Date().toISOString(),
  createdBy: null,
  ...overrides,
});
