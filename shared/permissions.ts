/**
 * RBAC action ids of the plugin, shared by the server (registration, route policies) and the admin
 * panel (menu link, page protection, buttons), so the two never drift apart.
 */
export const PLUGIN_ID = 'invitations';

export const ACTIONS = {
  read: 'read',
  create: 'create',
  update: 'update',
  delete: 'delete',
  send: 'send',
  showLinks: 'show-links',
  editEmailTemplates: 'edit-email-templates',
  reviewAccessRequests: 'review-access-requests',
} as const;

export type ActionName = keyof typeof ACTIONS;

/** Full action id as Strapi stores it: `plugin::invitations.<action>`. */
export const actionId = (action: ActionName) => `plugin::${PLUGIN_ID}.${ACTIONS[action]}`;

export const PERMISSIONS = {
  read: [{ action: actionId('read'), subject: null }],
  create: [{ action: actionId('create'), subject: null }],
  update: [{ action: actionId('update'), subject: null }],
  delete: [{ action: actionId('delete'), subject: null }],
  send: [{ action: actionId('send'), subject: null }],
  showLinks: [{ action: actionId('showLinks'), subject: null }],
  editEmailTemplates: [{ action: actionId('editEmailTemplates'), subject: null }],
  reviewAccessRequests: [{ action: actionId('reviewAccessRequests'), subject: null }],
};

/** What Settings > Roles shows for each action. */
export const ACTION_DEFINITIONS: Array<{ uid: string; displayName: string }> = [
  { uid: ACTIONS.read, displayName: 'Read invitations' },
  { uid: ACTIONS.create, displayName: 'Create invitations' },
  { uid: ACTIONS.update, displayName: 'Edit invitations' },
  { uid: ACTIONS.delete, displayName: 'Delete invitations' },
  { uid: ACTIONS.send, displayName: 'Send invitations by email' },
  // Read, send and the rest work without it: the admin then never receives a token or a link's address.
  { uid: ACTIONS.showLinks, displayName: 'Show and copy links' },
  // Reads the templates too: they are the site's settings, not invitations.
  { uid: ACTIONS.editEmailTemplates, displayName: 'Edit email templates' },
  // Approving sends a personal link of a link the reviewer picks, as "Send invitation" would.
  { uid: ACTIONS.reviewAccessRequests, displayName: 'Review access requests' },
];

/**
 * What stands for the token in an email preview shown to an admin without `showLinks`: the
 * address reads as the real one up to its token.
 */
export const MASKED_TOKEN = '••••••';
