// @engine-neutral
import { databaseSuites, serverSuites, tagOf, touchesDatabaseLayer } from '../../scripts/database-suites';

/**
 * MariaDB runs only the suites marked @database (scripts/database-suites.js): these tests keep a
 * suite that depends on the database from leaving that list unnoticed.
 */
test('every server suite says whether it depends on the database', () => {
  const untagged = serverSuites().filter((file) => tagOf(file) === null);
  expect(untagged).toEqual([]);
});

test('no suite marked engine-neutral works below the query engine (DATABASE_LAYER)', () => {
  const neutralButTouching = serverSuites().filter((file) => tagOf(file) === 'engine-neutral' && touchesDatabaseLayer(file));
  expect(neutralButTouching).toEqual([]);
});

test('the rule sees the database layer in the suites known to use it', () => {
  for (const file of ['race.test.ts', 'rate-limit-store.test.ts', 'status-filter.test.ts', 'database-schema.test.ts']) {
    expect([file, touchesDatabaseLayer(file)]).toEqual([file, true]);
  }
  expect(touchesDatabaseLayer('email-rules.test.ts')).toBe(false);
});

test('MariaDB runs the suites of seats, races, the rate-limit store, filters and the schema', () => {
  expect(databaseSuites()).toEqual(
    expect.arrayContaining([
      'race.test.ts',
      'registration.test.ts',
      'rate-limit-database.test.ts',
      'rate-limit-store.test.ts',
      'status-filter.test.ts',
      'database-schema.test.ts',
    ])
  );
});
