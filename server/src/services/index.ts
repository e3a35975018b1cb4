import firstAccess from './first-access';
import invitations from './invitations';
import joinPage from './join-page';
import links from './links';
import providerSignup from './provider-signup';
import registrationGate from './registration-gate';
import roles from './roles';
import seats from './seats';
import tokens from './tokens';

export default {
  'first-access': firstAccess,
  invitations,
  'join-page': joinPage,
  links,
  'provider-signup': providerSignup,
  'registration-gate': registrationGate,
  roles,
  seats,
  tokens,
};
