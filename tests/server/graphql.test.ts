// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  createMember,
  createPersonalLink,
  createRole,
  findUser,
  memberToken,
  newAccount,
  recipientRowsOf,
  seatsUsedOf,
} from '../helpers/fixtures';

/** users-permissions' GraphQL register mutation, with @strapi/plugin-graphql enabled. */
let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { ENABLE_GRAPHQL: 'true' }
);

const REGISTER = `mutation Register($input: UsersPermissionsRegisterInput!) {
  register(input: $input) { jwt user { id username email } }
}`;

const registerWithGraphql = (input: Record<string, unknown>) =>
  app.http().post('/graphql').send({ query: REGISTER, variables: { input } });

test('without an invitation, the mutation creates no account', async () => {
  const before = await countUsers(app);
  const res = await registerWithGraphql(newAccount());
  expect(res.body.data?.register ?? null).toBeNull();
  expect(res.body.errors[0].message).toBe('An invitation is required to register');
  expect(await countUsers(app)).toBe(before);
});

test('with an invitation token, it creates the account and takes a seat; a used-up link is refused', async () => {
  const invitation = await createInvitation(app, { maxUses: 1 });
  const account = newAccount();
  const res = await registerWithGraphql({ ...account, invitationToken: invitation.token });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.register).toMatchObject({ jwt: expect.any(String), user: { username: account.username } });
  expect(await seatsUsedOf(app, invitation.id)).toBe(1);

  const before = await countUsers(app);
  const late = await registerWithGraphql({ ...newAccount(), invitationToken: invitation.token });
  expect(late.body.errors[0].message).toBe('This invitation link has been used up');
  expect(await countUsers(app)).toBe(before);
  expect(await seatsUsedOf(app, invitation.id)).toBe(1);
});

test('an unknown token is refused and creates no account', async () => {
  const before = await countUsers(app);
  const res = await registerWithGraphql({ ...newAccount(), invitationToken: 'C'.repeat(43) });
  expect(res.body.errors[0].message).toBe('This invitation link does not exist or has been deleted');
  expect(await countUsers(app)).toBe(before);
});

test('a link limited to some email domains refuses another address through the mutation too', async () => {
  const invitation = await createInvitation(app, { allowedEmailDomains: ['example.org'] });
  const before = await countUsers(app);
  const res = await registerWithGraphql({ ...newAccount(), invitationToken: invitation.token });
  expect(res.body.errors[0].message).toBe('This invitation is only for email addresses at example.org');
  expect(await countUsers(app)).toBe(before);
  expect(await seatsUsedOf(app, invitation.id)).toBe(0);
});

test("a personal link refuses another address through the mutation (no seat) and takes the recipient's", async () => {
  const { invitation, token } = await createPersonalLink(app, 'graphql-person@example.com');
  const refused = await registerWithGraphql({ ...newAccount(), email: 'someone-else@example.com', invitationToken: token });
  expect(refused.body.errors[0].message).toBe(
    'This invitation link is personal: it can only be used with the email address it was sent to'
  );
  expect(await seatsUsedOf(app, invitation.id)).toBe(0);

  const accepted = await registerWithGraphql({ ...newAccount(), email: 'graphql-person@example.com', invitationToken: token });
  expect(accepted.body.errors).toBeUndefined();
  expect(accepted.body.data.register.user.email).toBe('graphql-person@example.com');
  expect((await recipientRowsOf(app, invitation.id))[0].status).toBe('accepted');
});

const ACCEPT = `mutation Accept($token: String, $code: String) {
  acceptInvitation(token: $token, code: $code) { user { id email } role { id name type } previousRole { type } redirectUrl }
}`;

const acceptWithGraphql = (token: string, bearer?: string) => {
  const request = app.http().post('/graphql');
  return (bearer ? request.set('Authorization', `Bearer ${bearer}`) : request).send({ query: ACCEPT, variables: { token } });
};

describe('acceptInvitation', () => {
  test("gives a signed-in member the link's role and takes a seat, as the REST route does", async () => {
    const role = await createRole(app, 'graphql-members', 'GraphQL members');
    const invitation = await createInvitation(app, { role: role.id, allowExistingAccounts: true });
    const member = await createMember(app);

    const res = await acceptWithGraphql(invitation.token, await memberToken(app, member));

    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.acceptInvitation).toEqual({
      user: { id: member.id, email: member.email },
      role: { id: role.id, name: 'GraphQL members', type: 'graphql-members' },
      previousRole: { type: 'authenticated' },
      redirectUrl: null,
    });
    expect((await findUser(app, member.email)).role.id).toBe(role.id);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('takes the code typed by hand instead of the token, one of the two', async () => {
    const role = await createRole(app, 'graphql-code-members', 'GraphQL code members');
    const code = `GQL-ACCEPT-${Date.now().toString(36).toUpperCase()}`;
    const invitation = await createInvitation(app, { role: role.id, allowExistingAccounts: true, code });
    const member = await createMember(app);
    const bearer = await memberToken(app, member);
    const both = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${bearer}`)
      .send({ query: ACCEPT, variables: { token: invitation.token, code } });
    expect(both.body.errors[0].message).toBe('Give token or code, one of the two');
    const res = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${bearer}`)
      .send({ query: ACCEPT, variables: { code: code.toLowerCase() } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.acceptInvitation.role.id).toBe(role.id);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('refuses without a token, and a link closed to existing accounts, changing nothing', async () => {
    const invitation = await createInvitation(app, { allowExistingAccounts: false });
    const member = await createMember(app);

    const anonymous = await acceptWithGraphql(invitation.token);
    expect(anonymous.body.data?.acceptInvitation ?? null).toBeNull();
    expect(anonymous.body.errors[0].message).toMatch(/^Sign in to accept this invitation/);
    const readOnly = await app
      .http()
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${app.adminToken}`)
      .send({ name: `graphql read-only ${Date.now()}`, type: 'read-only', lifespan: null });
    const withApiToken = await acceptWithGraphql(invitation.token, readOnly.body.data.accessKey);
    expect(withApiToken.body.data?.acceptInvitation ?? null).toBeNull();
    expect(withApiToken.body.errors[0].message).toMatch(/^Sign in to accept this invitation/);
    const closed = await acceptWithGraphql(invitation.token, await memberToken(app, member));
    expect(closed.body.errors[0].message).toBe(
      'This invitation link only creates new accounts: it cannot be accepted with an existing one'
    );

    expect((await findUser(app, member.email)).role.type).toBe('authenticated');
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  });
});

test('the register mutation takes invitationCode too: the seat of the link with that code', async () => {
  const code = `GQL-${Date.now().toString(36).toUpperCase()}`;
  const invitation = await createInvitation(app, { code, maxUses: 1 });
  const res = await registerWithGraphql({ ...newAccount(), invitationCode: code.toLowerCase() });
  expect(res.body.errors).toBeUndefined();
  expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  const before = await countUsers(app);
  const wrong = await registerWithGraphql({ ...newAccount(), invitationCode: 'NO-SUCH-CODE' });
  expect(wrong.body.errors[0].message).toBe('This invitation link does not exist or has been deleted');
  expect(await countUsers(app)).toBe(before);
});
