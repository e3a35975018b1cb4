import acceptPage from './accept-page';
import adminAccessRequests from './admin-access-requests';
import adminEmailTemplates from './admin-email-templates';
import adminEmails from './admin-emails';
import adminInvitations from './admin-invitations';
import adminRecipients from './admin-recipients';
import joinPage from './join-page';
import providerSignup from './provider-signup';
import publicAccessRequests from './public-access-requests';
import publicInvitations from './public-invitations';

export default {
  'accept-page': acceptPage,
  'admin-access-requests': adminAccessRequests,
  'admin-email-templates': adminEmailTemplates,
  'admin-emails': adminEmails,
  'admin-invitations': adminInvitations,
  'admin-recipients': adminRecipients,
  'join-page': joinPage,
  'provider-signup': providerSignup,
  'public-access-requests': publicAccessRequests,
  'public-invitations': publicInvitations,
};
