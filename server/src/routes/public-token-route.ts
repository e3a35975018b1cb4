/**
 * The `config` of a public route that takes an invitation token in its path (`:token`): no
 * authentication, and the per-IP rate limit (all such routes share one budget). The request log
 * never shows their tokens: see logging/request-log.ts.
 */
export const publicTokenRouteConfig = ({ rateLimitedPage }: { rateLimitedPage?: string } = {}) => ({
  auth: false as const,
  middlewares: [
    // A page's own answer to a refused visitor wraps the limit (API routes answer JSON).
    ...(rateLimitedPage ? [rateLimitedPage] : []),
    'plugin::invitations.rate-limit',
  ],
});
