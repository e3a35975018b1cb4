/**
 * What the server and the admin panel share: RBAC action ids, the admin API's shapes, and pure
 * rules both apply (email addresses, the email domains a link allows, a link's status, personal links, accepts). Nothing here
 * may depend on either side.
 */
export * from './permissions';
export * from './email-addresses';
export * from './email-domains';
export * from './status';
export * from './recipients';
export * from './email-templates';
export * from './languages';
export * from './accept';
export * from './codes';
export * from './access-requests';
export type * from './api';
