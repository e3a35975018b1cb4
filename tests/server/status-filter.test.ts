// @database: the SQL of the status filter
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, expectStrapiError, inDays, setInvitationRow } from '../helpers/fixtures';
import { invitationStatus, type InvitationStatus } from '../../shared';
import type { Knex } from 'knex';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const list = (query: Record<string, string | number>) => app.http().get('/invitations/invitations').set(admin()).query(query);
const names = (res: { body: { results: Array<{ name: string }> } }) => res.body.results.map((row) => row.name);

/** Links of each state, named after it; "exhausted and expired" shows that used up wins. */
beforeAll(async () => {
  const make = async (name: string, state: { usedCount?: number; expiresAt?: Date }) => {
    const { id } = await createInvitation(app, { name, maxUses: 2 });
    if (Object.keys(state).length > 0) await setInvitationRow(app, id, state);
  };
  await make('Filter active one', {});
  await make('Filter active two', { usedCount: 1 });
  await make('Filter expired one', { expiresAt: new Date(Date.now() - 60_000) });
  await make('Filter expired two', { usedCount: 1, expiresAt: new Date(Date.now() - 60_000) });
  await make('Filter exhausted one', { usedCount: 2 });
  await make('Filter exhausted and expired', { usedCount: 2, expiresAt: new Date(Date.now() - 60_000) });
});

describe('GET /invitations/invitations?status', () => {
  test.each([
    ['active', ['Filter active one', 'Filter active two']],
    ['expired', ['Filter expired one', 'Filter expired two']],
    ['exhausted', ['Filter exhausted and expired', 'Filter exhausted one']],
  ])('status=%s lists the links in that state, as shared/status.ts decides it', async (status, expected) => {
    const res = await list({ status, q: 'filter', sort: 'name:asc' });
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(expected);
    expect(res.body.pagination.total).toBe(2);
    for (const row of res.body.results) {
      expect(row.status).toBe(status);
      expect(invitationStatus(row)).toBe(status);
    }
  });

  test('combines with the search, the sort and the pages', async () => {
    const first = await list({ status: 'expired', q: 'FILTER EXPIRED', sort: 'name:desc', pageSize: 1 });
    expect(names(first)).toEqual(['Filter expired two']);
    expect(first.body.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, total: 2 });
    const second = await list({ status: 'expired', q: 'filter expired', sort: 'name:desc', pageSize: 1, page: 2 });
    expect(names(second)).toEqual(['Filter expired one']);
    expect(names(await list({ status: 'active', q: 'expired' }))).toEqual([]);
  });

  test('a link that expires while listed moves from active to expired', async () => {
    const { id } = await createInvitation(app, { name: 'Filter about to expire', expiresAt: inDays(1) });
    await setInvitationRow(app, id, { expiresAt: new Date(Date.now() + 1_500) });
    expect(names(await list({ status: 'active', q: 'about to expire' }))).toEqual(['Filter about to expire']);
    expect(names(await list({ status: 'expired', q: 'about to expire' }))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(names(await list({ status: 'active', q: 'about to expire' }))).toEqual([]);
    const expired = await list({ status: 'expired', q: 'about to expire' });
    expect(names(expired)).toEqual(['Filter about to expire']);
    expect(expired.body.results[0].status).toBe('expired');
  });

  test.each(['used', 'ACTIVE', '', 'active,expired'])('status=%j is a 400', async (status) => {
    expectStrapiError(await list({ status }), 400, /status must be one of active, expired, exhausted/);
  });

  test('status given twice is a 400', async () => {
    const res = await app.http().get('/invitations/invitations?status=active&status=expired').set(admin());
    expectStrapiError(res, 400, /status must be given once/);
  });
});

/**
 * The filter's count must come from the status indexes (database/link-indexes.ts), whatever the
 * table's size: a WHERE clause that stops matching an index's own condition would scan the table.
 * The count checked is the one the list route sends.
 */
describe('the status indexes', () => {
  const TABLE = 'invitations_invitations';
  const ENGINE = process.env.DATABASE_CLIENT ?? 'sqlite';
  interface SentQuery {
    sql: string;
    bindings: unknown[];
  }

  /** The count statement GET /invitations/invitations?status sends. */
  const countSentFor = async (status: InvitationStatus): Promise<SentQuery> => {
    const knex = app.strapi.db.connection;
    const sent: SentQuery[] = [];
    const record = (query: SentQuery) => sent.push(query);
    knex.on('query', record);
    try {
      expect((await list({ status })).status).toBe(200);
    } finally {
      knex.removeListener('query', record);
    }
    const count = sent.find((query) => /count\(\*\)/i.test(query.sql) && query.sql.includes(TABLE));
    if (!count) throw new Error(`no count among ${sent.map((query) => query.sql).join('\n')}`);
    return count;
  };

  const sqlitePlan = async ({ sql, bindings }: SentQuery) => {
    const steps = await app.strapi.db.connection.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as Knex.RawBinding[]);
    return steps.map((step: { detail: string }) => step.detail).join('; ');
  };

  /** The plan PostgreSQL would choose once a table scan costs more than any index (as at 100,000 links). */
  const postgresPlan = ({ sql, bindings }: SentQuery) =>
    app.strapi.db.connection.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      // knex reports PostgreSQL's statements with their $1, $2… placeholders, in binding order.
      const { rows } = await trx.raw(`EXPLAIN ${sql.replace(/\$\d+/g, '?')}`, bindings as Knex.RawBinding[]);
      return rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
    });

  (ENGINE === 'mysql' ? describe.skip : describe)('on PostgreSQL and SQLite: partial indexes', () => {
    test.each([
      ['active', `${TABLE}_seats_left_idx`],
      ['expired', `${TABLE}_seats_left_idx`],
      ['exhausted', `${TABLE}_used_up_idx`],
    ] as const)('status=%s is counted from %s alone', async (status, index) => {
      const count = await countSentFor(status);
      const plan = ENGINE === 'postgres' ? await postgresPlan(count) : await sqlitePlan(count);
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/Filter:/);
    });
  });

  (ENGINE === 'mysql' ? describe : describe.skip)('on MySQL/MariaDB, without partial indexes', () => {
    test('one index holds the three columns of the status', async () => {
      const [rows] = await app.strapi.db.connection.raw('SHOW INDEX FROM ?? WHERE Key_name = ?', [TABLE, `${TABLE}_status_idx`]);
      expect(rows.map((row: { Column_name: string }) => row.Column_name)).toEqual(['expires_at', 'used_count', 'max_uses']);
    });
  });
});
