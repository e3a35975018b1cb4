import config from '../../server/src/config';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { countUsers, expectExactStrapiError, findUser, newAccount } from '../helpers/fixtures';
import { createApiToken, graphqlRequest, grantToRole, signedUpUserJwt } from '../helpers/content-api';

/**
 * While requireInvitation is on, accounts come through a link: users-permissions' own user
 * creation (POST /api/users, GraphQL createUsersPermissionsUser) is refused to end users and API
 * tokens, whatever rights their role or type gives; admins keep creating accounts.
 */
let app: TestApp;
const bearers: Record<string, string> = {};
let authenticatedRoleId: number;
useTestApp(
  (started) => {
    app = started;
  },
  { ENABLE_GRAPHQL: 'true' }
);

const END_USER = 'an end user whose role may create users';
const FULL_ACCESS = 'a full-access API token';

beforeAll(async () => {
  authenticatedRoleId = (
    await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })
  ).id;
  await grantToRole(app, 'authenticated', 'plugin::users-permissions.user.create');
  bearers[END_USER] = await signedUpUserJwt(app);
  bearers[FULL_ACCESS] = await createApiToken(app, 'full-access');
});

const CREATE_USER = `mutation CreateUser($data: UsersPermissionsUserInput!) {
  createUsersPermissionsUser(data: $data) { data { documentId } }
}`;

/** What users-permissions' user creation takes: an account and its role. */
const newUserData = () => ({ ...newAccount(), role: authenticatedRoleId });

const createUserWithRest = (bearer: string) =>
  app.http().post('/api/users').set('Authorization', `Bearer ${bearer}`).send(newUserData());

/** Sets plugin options for one test; the gate reads them on each request. */
const withOptions = async (options: Record<string, boolean>, run: () => Promise<void>) => {
  const saved = Object.keys(options).map((name) => [name, app.strapi.config.get(`plugin::invitations.${name}`)] as const);
  for (const [name, value] of Object.entries(options)) app.strapi.config.set(`plugin::invitations.${name}`, value);
  try {
    await run();
  } finally {
    for (const [name, value] of saved) app.strapi.config.set(`plugin::invitations.${name}`, value);
  }
};

describe.each([END_USER, FULL_ACCESS])('%s', (bearer) => {
  test('POST /api/users is refused with a 403 naming allowUserCreationByUsers, and makes no account', async () => {
    const before = await countUsers(app);
    const res = await createUserWithRest(bearers[bearer]);
    expectExactStrapiError(res, 403, 'ForbiddenError');
    expect(res.body.error.message).toMatch(/allowUserCreationByUsers/);
    expect(res.body.error.details).toEqual({ reason: 'user-creation-by-users-off', option: 'allowUserCreationByUsers' });
    expect(await countUsers(app)).toBe(before);
  });

  test('GraphQL createUsersPermissionsUser is refused the same way', async () => {
    const before = await countUsers(app);
    const res = await graphqlRequest(app, CREATE_USER, bearers[bearer], { data: newUserData() });
    expect(res.body.data?.createUsersPermissionsUser ?? null).toBeNull();
    expect(res.body.errors[0].message).toMatch(/allowUserCreationByUsers/);
    expect(res.body.errors[0].extensions.error.details.option).toBe('allowUserCreationByUsers');
    expect(await countUsers(app)).toBe(before);
  });

  test('with allowUserCreationByUsers, or with requireInvitation off, it creates the account', async () => {
    for (const options of [{ allowUserCreationByUsers: true }, { requireInvitation: false }]) {
      await withOptions(options, async () => {
        const res = await createUserWithRest(bearers[bearer]);
        expect(res.status).toBe(201);
        const graphql = await graphqlRequest(app, CREATE_USER, bearers[bearer], { data: newUserData() });
        expect(graphql.body.errors).toBeUndefined();
      });
    }
  });
});

test('an admin still creates accounts in the Content Manager', async () => {
  const account = newAccount();
  const res = await app
    .http()
    .post('/content-manager/collection-types/plugin::users-permissions.user')
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ ...account, confirmed: true, blocked: false, role: { connect: [{ id: authenticatedRoleId }] } });
  expect(res.status).toBe(201);
  expect((await findUser(app, account.email))?.role.type).toBe('authenticated');
});

test('the config validator wants booleans for allowUserCreationByUsers and exposeInGraphql', () => {
  const validator = config.validator as (settings: unknown) => void;
  const base = { ...config.default };
  expect(() => validator(base)).not.toThrow();
  expect(() => validator({ ...base, allowUserCreationByUsers: 'yes' })).toThrow('allowUserCreationByUsers must be a boolean');
  expect(() => validator({ ...base, exposeInGraphql: 1 })).toThrow('exposeInGraphql must be a boolean');
});
