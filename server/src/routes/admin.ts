import { actionId, type ActionName } from '../../../permissions';

const route = (method: string, path: string, handler: string, action: ActionName) => ({
  method,
  path,
  handler: `admin-invitations.${handler}`,
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
  ],
};
