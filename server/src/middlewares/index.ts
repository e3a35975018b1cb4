import joinPageRateLimit from './join-page-rate-limit';
import rateLimit from './rate-limit';
import redactToken from './redact-token';

export default {
  'join-page-rate-limit': joinPageRateLimit,
  'rate-limit': rateLimit,
  'redact-token': redactToken,
};
