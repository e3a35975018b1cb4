import invitations from './invitations';
import links from './links';
import providerSignup from './provider-signup';
import registrationGate from './registration-gate';
import roles from './roles';
import seats from './seats';
import tokens from './tokens';

export default {
  invitations,
  links,
  'provider-signup': providerSignup,
  'registration-gate': registrationGate,
  roles,
  seats,
  tokens,
};
