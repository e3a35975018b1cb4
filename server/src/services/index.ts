import acceptance from './acceptance';
import accessRequests from './access-requests';
import background from './background';
import deliveries from './deliveries';
import emailTemplates from './email-templates';
import firstAccess from './first-access';
import invitationEmails from './invitation-emails';
import invitations from './invitations';
import joinPage from './join-page';
import links from './links';
import providerSignup from './provider-signup';
import rateLimit from './rate-limit';
import recipients from './recipients';
import redemptions from './redemptions';
import registrationGate from './registration-gate';
import roles from './roles';
import seats from './seats';
import tokens from './tokens';

export default {
  acceptance,
  'access-requests': accessRequests,
  background,
  deliveries,
  'email-templates': emailTemplates,
  'first-access': firstAccess,
  'invitation-emails': invitationEmails,
  invitations,
  'join-page': joinPage,
  links,
  'provider-signup': providerSignup,
  'rate-limit': rateLimit,
  recipients,
  redemptions,
  'registration-gate': registrationGate,
  roles,
  seats,
  tokens,
};
