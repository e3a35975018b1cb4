import rateLimit from './rate-limit';
import redactToken from './redact-token';

export default {
  'rate-limit': rateLimit,
  'redact-token': redactToken,
};
