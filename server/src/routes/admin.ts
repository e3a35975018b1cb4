import { actionId, type ActionName } from '../../../permissions';

/** `handler` is an action of the admin-invitations controller, or `controller.action`. */
const route = (method: string, path: string, handler: string, action: ActionName) => ({
  method,
  path,
  handler: handler.includes('.') ? handler : `admin-invitations.${handler}`,
  config: {
    policies: [{ name: 'admin::hasPermissions', config: { actions: [actionId(action)] } }],
  },
});

export default {
  type: 'admin',
  routes: [
    route('GET', '/roles', 'roles', 'read'),
    route('GET', '/first-access', 'firstAccessOptions', 'read'),
    route('GET', '/invitations', 'find', 'read'),
    route('POST', '/invitations', 'create', 'create'),
    route('GET', '/invitations/:id', 'findOne', 'read'),
    route('PUT', '/invitations/:id', 'update', 'update'),
    route('DELETE', '/invitations/:id', 'delete', 'delete'),
    route('POST', '/invitations/:id/send', 'admin-emails.send', 'send'),
    route('POST', '/invitations/:id/email-preview', 'admin-emails.preview', 'send'),
  ],
};
