// @database: the rate-limit counters kept in the database
import { rateLimitSuite } from './rate-limit-suite';

describe('with the database store', () => {
  rateLimitSuite('database');
});
