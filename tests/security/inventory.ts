import type { ExposedRoute } from './exposed';

/**
 * The reviewed list of what the site exposes once the plugin loads (inventory.test.ts checks it):
 * every content-API route of the playground (its own plugins included) and every route of the
 * plugin, with who may call it, and what the GraphQL schema says about invitations.
 *
 * Access, as exposed.ts words it: "public" (no authentication); a content-API action such as
 * `plugin::users-permissions.user.find` (a users-permissions role, Public included, or an API token
 * holding it: what each role holds is the site's choice, and no plugin type has a content-API
 * action); "admin with <action>" (an admin whose role holds that plugin action). Change this list
 * only after reviewing who the new entry lets in (SECURITY.md).
 */
const route = (method: string, path: string, access: string): ExposedRoute => ({ method, path, access });
const admin = (
  method: string,
  path: string,
  action: 'read' | 'create' | 'update' | 'delete' | 'send' | 'edit-email-templates' | 'review-access-requests'
) => route(method, path, `admin with plugin::invitations.${action}`);
const usersPermissions = (method: string, path: string, action: string) =>
  route(method, path, `plugin::users-permissions.${action}`);

export const ROUTES: ExposedRoute[] = [
  // The plugin's public routes: the token is the credential; rate-limited (tests/server/rate-limit.test.ts).
  route('GET', '/api/invitations/:token', 'public'),
  route('GET', '/api/invitations/:token/connect/:provider', 'public'),
  // A code typed by hand stands for the token: the same budget of the rate limit (tests/server/codes.test.ts).
  route('GET', '/api/invitations/code/:code', 'public'),
  route('POST', '/api/invitations/code/:code/accept', 'public'),
  route('GET', '/api/invitations/code/:code/connect/:provider', 'public'),
  // Public to Strapi's auth: the handler itself requires a member's users-permissions token (tests/server/accept.test.ts).
  route('POST', '/api/invitations/:token/accept', 'public'),
  // The page that asks for a code typed by hand (tests/server/join-page-code.test.ts).
  route('GET', '/invitations/join', 'public'),
  route('POST', '/invitations/join', 'public'),
  route('GET', '/invitations/join/:token', 'public'),
  route('POST', '/invitations/join/:token', 'public'),
  // A member's sign-in and confirmation (tests/server/join-page-accept.test.ts): users-permissions' sign-in, then a signed ticket.
  route('GET', '/invitations/join/:token/accept', 'public'),
  route('POST', '/invitations/join/:token/accept', 'public'),
  route('POST', '/invitations/join/:token/accept/confirm', 'public'),

  // The plugin's admin API (tests/server/permissions.test.ts refuses admins without the action).
  admin('GET', '/invitations/roles', 'read'),
  admin('GET', '/invitations/first-access', 'read'),
  admin('GET', '/invitations/summary', 'read'),
  admin('GET', '/invitations/invitations', 'read'),
  admin('POST', '/invitations/invitations', 'create'),
  admin('POST', '/invitations/invitations/bulk-delete', 'delete'),
  admin('GET', '/invitations/invitations/:id', 'read'),
  admin('PUT', '/invitations/invitations/:id', 'update'),
  admin('DELETE', '/invitations/invitations/:id', 'delete'),
  admin('GET', '/invitations/invitations/:id/redemptions', 'read'),
  admin('GET', '/invitations/invitations/:id/redemptions/export', 'read'),
  admin('GET', '/invitations/invitations/:id/deliveries/export', 'read'),
  admin('GET', '/invitations/invitations/:id/recipients/export', 'read'),
  admin('GET', '/invitations/invitations/:id/timeline', 'read'),
  admin('POST', '/invitations/invitations/:id/send', 'send'),
  admin('POST', '/invitations/invitations/:id/email-preview', 'send'),
  admin('GET', '/invitations/invitations/:id/recipients', 'read'),
  admin('POST', '/invitations/invitations/:id/recipients/:recipientId/resend', 'send'),
  admin('DELETE', '/invitations/invitations/:id/recipients/:recipientId', 'delete'),
  // Settings > Invitations > Email templates: reading them too needs the action (they are settings).
  // The test route mails the calling admin only, with a masked link (tests/server/email-templates.test.ts).
  admin('GET', '/invitations/email-templates', 'edit-email-templates'),
  admin('PUT', '/invitations/email-templates/:kind/:language', 'edit-email-templates'),
  admin('DELETE', '/invitations/email-templates/:kind/:language', 'edit-email-templates'),
  admin('POST', '/invitations/email-templates/:kind/:language/test', 'edit-email-templates'),
  // Request access: the public route answers one 202 whatever happens, within the token routes' budget;
  // the review routes need their own action only (tests/security/access-requests.test.ts).
  route('POST', '/api/invitations/requests', 'public'),
  admin('GET', '/invitations/requests', 'review-access-requests'),
  admin('GET', '/invitations/requests/links', 'review-access-requests'),
  admin('POST', '/invitations/requests/bulk-approve', 'review-access-requests'),
  admin('POST', '/invitations/requests/bulk-decline', 'review-access-requests'),
  admin('POST', '/invitations/requests/:id/approve', 'review-access-requests'),
  admin('POST', '/invitations/requests/:id/decline', 'review-access-requests'),
  admin('POST', '/invitations/requests/:id/resend', 'review-access-requests'),

  // users-permissions' sign-in and sign-up: register and the provider callback pass the plugin's gate.
  usersPermissions('POST', '/api/auth/local', 'auth.callback'),
  usersPermissions('POST', '/api/auth/local/register', 'auth.register'),
  usersPermissions('GET', '/api/auth/:provider/callback', 'auth.callback'),
  usersPermissions('GET', '/api/connect/(.*)', 'auth.connect'),
  usersPermissions('GET', '/api/auth/email-confirmation', 'auth.emailConfirmation'),
  usersPermissions('POST', '/api/auth/send-email-confirmation', 'auth.sendEmailConfirmation'),
  usersPermissions('POST', '/api/auth/forgot-password', 'auth.forgotPassword'),
  usersPermissions('POST', '/api/auth/reset-password', 'auth.resetPassword'),
  usersPermissions('POST', '/api/auth/change-password', 'auth.changePassword'),
  usersPermissions('POST', '/api/auth/refresh', 'auth.refresh'),
  usersPermissions('POST', '/api/auth/logout', 'auth.logout'),
  usersPermissions('GET', '/api/auth/sessions', 'auth.getSessions'),
  usersPermissions('DELETE', '/api/auth/sessions/:sessionId', 'auth.revokeSession'),

  // users-permissions' users and roles. POST /api/users is refused to end users while
  // requireInvitation is on (the gate on user creation), whatever the role holds.
  usersPermissions('GET', '/api/users', 'user.find'),
  usersPermissions('GET', '/api/users/count', 'user.count'),
  usersPermissions('GET', '/api/users/me', 'user.me'),
  usersPermissions('GET', '/api/users/:id', 'user.findOne'),
  usersPermissions('POST', '/api/users', 'user.create'),
  usersPermissions('PUT', '/api/users/:id', 'user.update'),
  usersPermissions('DELETE', '/api/users/:id', 'user.destroy'),
  usersPermissions('GET', '/api/users-permissions/permissions', 'permissions.getPermissions'),
  usersPermissions('GET', '/api/users-permissions/roles', 'role.find'),
  usersPermissions('GET', '/api/users-permissions/roles/:id', 'role.findOne'),
  usersPermissions('POST', '/api/users-permissions/roles', 'role.createRole'),
  usersPermissions('PUT', '/api/users-permissions/roles/:role', 'role.updateRole'),
  usersPermissions('DELETE', '/api/users-permissions/roles/:role', 'role.deleteRole'),

  // Strapi's own plugins in the playground.
  route('GET', '/api/upload/files', 'plugin::upload.content-api.find'),
  route('GET', '/api/upload/files/page', 'plugin::upload.content-api.findPage'),
  route('GET', '/api/upload/files/:id', 'plugin::upload.content-api.findOne'),
  route('POST', '/api/upload', 'plugin::upload.content-api.upload'),
  route('DELETE', '/api/upload/files/:id', 'plugin::upload.content-api.destroy'),
  route('POST', '/api/email', 'plugin::email.email.send'),
  route('GET', '/api/i18n/locales', 'plugin::i18n.locales.listLocales'),
  route('GET', '/api/content-type-builder/components', 'plugin::content-type-builder.components.getComponents'),
  route('GET', '/api/content-type-builder/components/:uid', 'plugin::content-type-builder.components.getComponent'),
  route('GET', '/api/content-type-builder/content-types', 'plugin::content-type-builder.content-types.getContentTypes'),
  route('GET', '/api/content-type-builder/content-types/:uid', 'plugin::content-type-builder.content-types.getContentType'),
];

/**
 * With GraphQL enabled: every type, field, argument or input field whose name mentions invitations.
 * The optional token of users-permissions' register mutation, and the accept mutation with its
 * answer's types (a member's own token required: tests/server/graphql.test.ts); none of the
 * plugin's content types (no invitations* query, no CRUD mutation).
 */
export const GRAPHQL_FIELDS: string[] = [
  'InvitationAcceptance',
  'InvitationAcceptanceRole',
  'InvitationAcceptanceUser',
  'Mutation.acceptInvitation',
  'UsersPermissionsRegisterInput.invitationCode',
  'UsersPermissionsRegisterInput.invitationToken',
];
