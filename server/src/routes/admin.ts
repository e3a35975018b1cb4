import { actionId, type ActionName } from '../../../shared';

/** An admin route, allowed to admins who have the plugin's `action`. */
const route = (method: string, path: string, handler: string, action: ActionName) => ({
  method,
  path,
  handler,
  config: {
    policies: [{ name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }],
  },
});

export default {
  type: 'admin',
  routes: [
    route('GET', '/roles', 'admin-invitations.roles', 'read'),
    route('GET', '/first-access', 'admin-invitations.firstAccessOptions', 'read'),
    route('GET', '/summary', 'admin-invitations.summary', 'read'),
    route('GET', '/invitations', 'admin-invitations.find', 'read'),
    route('POST', '/invitations', 'admin-invitations.create', 'create'),
    route('POST', '/invitations/bulk-delete', 'admin-invitations.bulkDelete', 'delete'),
    route('GET', '/invitations/:id', 'admin-invitations.findOne', 'read'),
    route('PUT', '/invitations/:id', 'admin-invitations.update', 'update'),
    route('DELETE', '/invitations/:id', 'admin-invitations.delete', 'delete'),
    route('GET', '/invitations/:id/redemptions', 'admin-invitations.redemptions', 'read'),
    route('GET', '/invitations/:id/redemptions/export', 'admin-invitations.exportRedemptions', 'read'),
    route('GET', '/invitations/:id/deliveries/export', 'admin-invitations.exportDeliveries', 'read'),
    route('GET', '/invitations/:id/recipients/export', 'admin-invitations.exportRecipients', 'read'),
    route('GET', '/invitations/:id/timeline', 'admin-invitations.timeline', 'read'),
    route('POST', '/invitations/:id/send', 'admin-emails.send', 'send'),
    route('POST', '/invitations/:id/email-preview', 'admin-emails.preview', 'send'),
    route('GET', '/invitations/:id/recipients', 'admin-recipients.find', 'read'),
    route('POST', '/invitations/:id/recipients/:recipientId/resend', 'admin-recipients.resend', 'send'),
    route('DELETE', '/invitations/:id/recipients/:recipientId', 'admin-recipients.revoke', 'delete'),
    // The templates are the site's settings: reading them needs the same action as editing them.
    route('GET', '/email-templates', 'admin-email-templates.find', 'editEmailTemplates'),
    route('PUT', '/email-templates/:kind/:language', 'admin-email-templates.update', 'editEmailTemplates'),
    route('DELETE', '/email-templates/:kind/:language', 'admin-email-templates.reset', 'editEmailTemplates'),
    route('POST', '/email-templates/:kind/:language/test', 'admin-email-templates.sendTest', 'editEmailTemplates'),
    // Access requests: approving mails a personal link of a link the reviewer picks, without `send` or `read`.
    route('GET', '/requests', 'admin-access-requests.find', 'reviewAccessRequests'),
    route('GET', '/requests/links', 'admin-access-requests.links', 'reviewAccessRequests'),
    route('POST', '/requests/bulk-approve', 'admin-access-requests.bulkApprove', 'reviewAccessRequests'),
    route('POST', '/requests/bulk-decline', 'admin-access-requests.bulkDecline', 'reviewAccessRequests'),
    route('POST', '/requests/:id/approve', 'admin-access-requests.approve', 'reviewAccessRequests'),
    route('POST', '/requests/:id/decline', 'admin-access-requests.decline', 'reviewAccessRequests'),
    route('POST', '/requests/:id/resend', 'admin-access-requests.resend', 'reviewAccessRequests'),
  ],
};
