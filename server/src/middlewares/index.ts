import joinPageRateLimit from './join-page-rate-limit';
import rateLimit from './rate-limit';
import requestAccessEnabled from './request-access-enabled';

export default {
  'join-page-rate-limit': joinPageRateLimit,
  'rate-limit': rateLimit,
  'request-access-enabled': requestAccessEnabled,
};
