import { rateLimitSuite } from './rate-limit-suite';

describe('with the database store', () => {
  rateLimitSuite('database');
});
