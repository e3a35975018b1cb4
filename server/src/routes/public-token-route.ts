/**
 * The `config` of a public route that takes an invitation token in its path (`:token`): no
 * authentication, the token kept out of the request log, and the per-IP rate limit (all such
 * routes share one budget). Redaction comes first, so a refused request is logged without it.
 */
export const publicTokenRouteConfig = () => ({
  auth: false as const,
  middlewares: ['plugin::invitations.redact-token', 'plugin::invitations.rate-limit'],
});
