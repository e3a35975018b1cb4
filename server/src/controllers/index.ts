import adminInvitations from './admin-invitations';
import providerSignup from './provider-signup';
import publicInvitations from './public-invitations';

export default {
  'admin-invitations': adminInvitations,
  'provider-signup': providerSignup,
  'public-invitations': publicInvitations,
};
