// @database: the tables, columns and constraints the engine makes
import type { Test } from 'supertest';
import type { Knex } from 'knex';
import { serverClient, withConnection } from '../helpers/database';
import {
  createInvitation,
  createPersonalLink,
  expectStrapiError,
  findUser,
  newAccount,
  recipientRowsOf,
  register,
  seatsUsedOf,
} from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * A PostgreSQL site whose tables live in a schema of its own (`connection.schema`, DATABASE_SCHEMA
 * in Strapi's template). The plugin's raw SQL names tables bare and relies on Strapi setting each
 * connection's search_path to that schema: the sign-up's locks and seat, the redemption record,
 * the indexes, the seat check and the rate limit's counters must all work there and land there.
 */
const SCHEMA = 'site_data';
const MAX_STATUS_REQUESTS = 3;

const onPostgres = serverClient() === 'postgres' ? describe : describe.skip;

onPostgres(`a site whose tables are in the PostgreSQL schema "${SCHEMA}"`, () => {
  let app: TestApp;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({
      ...smtp.env,
      DATABASE_SCHEMA: SCHEMA,
      DISABLE_RATE_LIMIT: 'false',
      INVITATIONS_RATE_LIMIT_STORE: 'database',
      INVITATIONS_RATE_LIMIT_MAX: String(MAX_STATUS_REQUESTS),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const admin = (call: Test) => call.set('Authorization', `Bearer ${app.adminToken}`);
  const authenticatedRole = async () =>
    (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })).id as number;

  /** Reads the site's database as an outsider would, on a connection of its own. */
  const catalog = <T>(read: (knex: Knex) => Promise<T>) => withConnection(process.env.DATABASE_NAME, read);

  /** The plugin's tables, as Strapi's metadata names them: its content types, their join tables, and the rate limit's. */
  const pluginTables = () => {
    const names = new Set(['invitations_rate_limit_hits']);
    for (const uid of Object.keys(app.strapi.contentTypes).filter((candidate) => candidate.startsWith('plugin::invitations.'))) {
      const meta = app.strapi.db.metadata.get(uid);
      names.add(meta.tableName);
      for (const attribute of Object.values(meta.attributes)) {
        const joinTable = (attribute as { joinTable?: { name: string } }).joinTable;
        if (joinTable) names.add(joinTable.name);
      }
    }
    return [...names].sort();
  };

  test("the plugin's tables, indexes and seat check are in the site's schema, none in public", async () => {
    const placed = await catalog(async (knex) => ({
      tables: await knex('information_schema.tables')
        .where('table_name', 'like', 'invitations_%')
        .orderBy('table_name')
        .select({ schema: 'table_schema', name: 'table_name' }),
      indexes: await knex('pg_indexes')
        .where((where) =>
          ['%_by_link_idx', '%_seats_left_idx', '%_used_up_idx'].reduce(
            (condition, pattern) => condition.orWhere('indexname', 'like', pattern),
            where
          )
        )
        .orderBy('indexname')
        .select({ schema: 'schemaname', name: 'indexname' }),
      checks: await knex.raw(
        "SELECT n.nspname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.conname = 'invitations_invitations_seats_within_limit'"
      ),
    }));
    expect(placed.tables).toEqual(pluginTables().map((name) => ({ schema: SCHEMA, name })));
    expect(placed.indexes.map((index: { schema: string }) => index.schema)).toEqual([SCHEMA, SCHEMA, SCHEMA]);
    expect(placed.checks.rows.map((row: { nspname: string }) => row.nspname)).toEqual([SCHEMA]);
  });

  test('a sign-up through a shared link takes its seat and its role, and the admin sees the account', async () => {
    const role = await authenticatedRole();
    const invitation = await createInvitation(app, { maxUses: 2, role });
    const account = newAccount();

    const res = await register(app, { ...account, invitationToken: invitation.token });

    expect(res.status).toBe(200);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect((await findUser(app, account.email))?.role?.id).toBe(role);
    const redemptions = await admin(app.http().get(`/invitations/invitations/${invitation.id}/redemptions`));
    expect(redemptions.body.results.map((row: { user: { email: string } }) => row.user.email)).toEqual([account.email]);
    const exported = await admin(app.http().get(`/invitations/invitations/${invitation.id}/redemptions/export`));
    expect(exported.status).toBe(200);
    expect(exported.text).toContain(account.email);
    const active = await admin(app.http().get('/invitations/invitations?status=active'));
    expect(active.body.results.map((row: { id: number }) => row.id)).toContain(invitation.id);
    const timeline = await admin(app.http().get(`/invitations/invitations/${invitation.id}/timeline`));
    expect(timeline.body.data.usedCount).toBe(1);
  });

  test('the last seat is taken once; a used-up link answers 410 and creates no account', async () => {
    const invitation = await createInvitation(app, { maxUses: 1 });
    expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
    const late = newAccount();

    expectStrapiError(await register(app, { ...late, invitationToken: invitation.token }), 410);

    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: late.email } })).toBe(0);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test("a personal link's sign-up is accepted and takes its link's seat", async () => {
    const email = 'ada@example.com';
    const { invitation, token } = await createPersonalLink(app, email, { maxUses: 3 });

    const res = await register(app, { ...newAccount(), email, invitationToken: token });

    expect(res.status).toBe(200);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    const [recipient] = await recipientRowsOf(app, invitation.id);
    expect(recipient.status).toBe('accepted');
  });

  test("the database rate limit counts in the site's schema", async () => {
    const invitation = await createInvitation(app);
    const statuses = [];
    for (let request = 0; request <= MAX_STATUS_REQUESTS; request += 1) {
      statuses.push((await app.http().get(`/api/invitations/${invitation.token}`)).status);
    }

    expect(statuses).toEqual([...Array(MAX_STATUS_REQUESTS).fill(200), 429]);
    const hits = await catalog((knex) => knex(`${SCHEMA}.invitations_rate_limit_hits`).sum({ hits: 'hits' }).first());
    expect(Number(hits?.hits)).toBeGreaterThanOrEqual(MAX_STATUS_REQUESTS + 1);
  });
});
