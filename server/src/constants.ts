import { PLUGIN_ID } from '../../shared';

export { PLUGIN_ID };

export const INVITATION_UID = `plugin::${PLUGIN_ID}.invitation` as const;
export const REDEMPTION_UID = `plugin::${PLUGIN_ID}.redemption` as const;
export const RECIPIENT_UID = `plugin::${PLUGIN_ID}.recipient` as const;
export const DELIVERY_UID = `plugin::${PLUGIN_ID}.delivery` as const;
export const ACCESS_REQUEST_UID = `plugin::${PLUGIN_ID}.access-request` as const;
export const USER_UID = 'plugin::users-permissions.user' as const;
export const ROLE_UID = 'plugin::users-permissions.role' as const;
export const USERS_PERMISSIONS_AUTH = 'plugin::users-permissions.auth' as const;

/** Limits shared by validation and the content-type schema. */
export const LIMITS = {
  nameMaxLength: 255,
  maxUses: 100_000,
  /** The furthest an expiry date may lie in the future. */
  maxLifetimeDays: 3650,
  pageSizeMax: 100,
  /** Most links one bulk delete takes. */
  bulkDeleteMax: 100,
  searchMaxLength: 255,
  welcomeMessageMaxLength: 2000,
  redirectUrlMaxLength: 2048,
  userDefaultsMaxFields: 50,
} as const;

/** Path of the hosted sign-up page that invitation links point to by default. */
export const JOIN_ROUTE_PATH = '/join';
/** The same, as the server mounts it: admin-type plugin routes live under `/<plugin id>`. */
export const JOIN_PATH = `/${PLUGIN_ID}${JOIN_ROUTE_PATH}`;

/** Emitted on Strapi's event hub (and offered to webhooks) after each account made from a link. */
export const REDEEMED_EVENT = 'invitation.redeemed';

/** Emitted on Strapi's event hub (and offered to webhooks): a new access request, and each decision. */
export const ACCESS_REQUEST_EVENTS = {
  created: 'invitation-request.created',
  approved: 'invitation-request.approved',
  declined: 'invitation-request.declined',
} as const;
