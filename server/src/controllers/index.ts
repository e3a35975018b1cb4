import adminInvitations from './admin-invitations';
import publicInvitations from './public-invitations';

export default {
  'admin-invitations': adminInvitations,
  'public-invitations': publicInvitations,
};
