// @engine-neutral
import { createInvitation, expectStrapiError, newAccount, redemptionsOf, register, seatsUsedOf } from '../helpers/fixtures';
import { submitJoinForm } from '../helpers/join-page';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { startTestApp, type TestApp } from '../helpers/strapi';

const USER_UID = 'plugin::users-permissions.user';
const REDIRECT_ORIGIN = 'https://members.example.com';

let app: TestApp;
let smtp: TestSmtpServer;
/** For each confirmation email, whether its account could be read from outside the registration. */
const accountVisibleWhenMailed = new Map<string, Promise<boolean>>();

const userByEmail = (email: string) => app.strapi.db.query(USER_UID).findOne({ where: { email } });

beforeAll(async () => {
  smtp = await startSmtpServer({
    rejects: (address) => {
      // Asked while the email is being sent, on a connection of its own (not the registration's).
      accountVisibleWhenMailed.set(address, userByEmail(address).then(Boolean));
      return address.startsWith('nobody');
    },
  });
  app = await startTestApp({ ...smtp.env, INVITATIONS_REDIRECT_ORIGINS: REDIRECT_ORIGIN });
  const advanced = app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  await advanced.set({ value: { ...((await advanced.get({})) as object), email_confirmation: true } });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('registration through an invitation on a site that confirms emails', () => {
  test('sends the confirmation email once the account is committed', async () => {
    const invitation = await createInvitation(app, { maxUses: 2 });
    const account = newAccount();
    const res = await register(app, { ...account, invitationToken: invitation.url.split('/').pop() });

    expect(res.status).toBe(200);
    expect(res.body.jwt).toBeUndefined();
    expect(res.body.user).toMatchObject({ email: account.email, confirmed: false });
    expect(smtp.receivedBy(account.email)).toHaveLength(1);
    expect(await accountVisibleWhenMailed.get(account.email)).toBe(true);
    const user = await userByEmail(account.email);
    expect(user.confirmationToken).toEqual(expect.any(String));
    expect(smtp.receivedBy(account.email)[0].mail.text).toContain(user.confirmationToken);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('a confirmation email that cannot be sent is answered as users-permissions does, and the account keeps its seat', async () => {
    const invitation = await createInvitation(app, { maxUses: 2 });
    const account = { ...newAccount(), email: `nobody${Date.now()}@example.com` };
    const res = await register(app, { ...account, invitationToken: invitation.url.split('/').pop() });

    expectStrapiError(res, 400, /Error sending confirmation email/);
    expect(res.body.error.details).toEqual({ reason: 'confirmation-email-failed' });
    // The account was committed before the mail server answered: it exists, and so do its seat and record.
    expect(await userByEmail(account.email)).toMatchObject({ email: account.email, confirmed: false });
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(1);
  });

  test("the hosted page asks to confirm the email first, then offers the invitation's page instead of going there", async () => {
    const invitation = await createInvitation(app, { redirectUrl: `${REDIRECT_ORIGIN}/welcome` });
    const account = newAccount();
    const res = await submitJoinForm(app, invitation.url.split('/').pop(), account);

    expect(res.status).toBe(201);
    expect(res.text).toContain('click the link in it to confirm your address');
    expect(res.text).toContain(`<a href="${REDIRECT_ORIGIN}/welcome">Continue to the site</a>`);
    expect(smtp.receivedBy(account.email)).toHaveLength(1);
  });

  test('on the hosted page, a confirmation email that cannot be sent says the account exists, without the form again', async () => {
    const invitation = await createInvitation(app, { maxUses: 2 });
    const account = { ...newAccount(), email: `nobody${Date.now()}@example.com` };
    const res = await submitJoinForm(app, invitation.url.split('/').pop() as string, account);

    expect(res.status).toBe(201);
    expect(res.text).toContain('Your account has been created, but the email that confirms your address could not be sent.');
    expect(res.text).not.toContain('<form');
    expect(await userByEmail(account.email)).toMatchObject({ email: account.email });
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });
});
