/**
 * The `config` of a public route that takes an invitation token in its path (`:token`): no
 * authentication, the token kept out of the request log, and the per-IP rate limit (all such
 * routes share one budget). Redaction comes first, so a refused request is logged without it.
 */
export const publicTokenRouteConfig = ({ rateLimitedPage }: { rateLimitedPage?: string } = {}) => ({
  auth: false as const,
  middlewares: [
    'plugin::invitations.redact-token',
    // A page's own answer to a refused visitor wraps the limit (API routes answer JSON).
    ...(rateLimitedPage ? [rateLimitedPage] : []),
    'plugin::invitations.rate-limit',
  ],
});
