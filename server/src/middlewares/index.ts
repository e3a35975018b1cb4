import joinPageRateLimit from './join-page-rate-limit';
import rateLimit from './rate-limit';

export default {
  'join-page-rate-limit': joinPageRateLimit,
  'rate-limit': rateLimit,
};
