import redactToken from './redact-token';

export default {
  'redact-token': redactToken,
};
