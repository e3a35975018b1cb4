import deliveries from './deliveries';
import firstAccess from './first-access';
import invitationEmails from './invitation-emails';
import invitations from './invitations';
import joinPage from './join-page';
import links from './links';
import providerSignup from './provider-signup';
import redemptions from './redemptions';
import registrationGate from './registration-gate';
import roles from './roles';
import seats from './seats';
import tokens from './tokens';

export default {
  deliveries,
  'first-access': firstAccess,
  'invitation-emails': invitationEmails,
  invitations,
  'join-page': joinPage,
  links,
  'provider-signup': providerSignup,
  redemptions,
  'registration-gate': registrationGate,
  roles,
  seats,
  tokens,
};
