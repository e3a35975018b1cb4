import adminEmails from './admin-emails';
import adminInvitations from './admin-invitations';
import joinPage from './join-page';
import publicInvitations from './public-invitations';

export default {
  'admin-emails': adminEmails,
  'admin-invitations': adminInvitations,
  'join-page': joinPage,
  'public-invitations': publicInvitations,
};
