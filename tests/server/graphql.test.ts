// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { countUsers, createInvitation, createPersonalLink, newAccount, recipientRowsOf, seatsUsedOf } from '../helpers/fixtures';

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
