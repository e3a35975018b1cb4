// @database: seats taken by concurrent sign-ups (the conditional UPDATE)
import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  acceptInvitation,
  createInvitation,
  createMember,
  createPersonalLink,
  createRole,
  findUser,
  memberToken,
  newAccount,
  register,
} from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

test('40 concurrent registrations on a 5-seat link make exactly 5 accounts', async () => {
  const invitation = await createInvitation(app, { maxUses: 5 });
  const usersBefore = await app.strapi.db.query('plugin::users-permissions.user').count();

  const responses = await Promise.all(
    Array.from({ length: 40 }, () => register(app, { ...newAccount(), invitationToken: invitation.token }))
  );
  const statuses = responses.map((res) => res.status);

  expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  expect(statuses.filter((s) => s === 410)).toHaveLength(35);
  expect(statuses.some((s) => s >= 500)).toBe(false);
  // Each refusal tells why as the database has it now, not as the refused transaction first read it.
  const reasons = responses.filter((res) => res.status === 410).map((res) => res.body.error.details.reason);
  expect(new Set(reasons)).toEqual(new Set(['exhausted']));

  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(5);
  const redemptions = await app.strapi.db
    .query('plugin::invitations.redemption')
    .count({ where: { invitation: { id: invitation.id } } });
  expect(redemptions).toBe(5);
  expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(usersBefore + 5);
});

test('members accepting and newcomers signing up at once on a 5-seat link: exactly 5 seats, each a role change or an account', async () => {
  const role = await createRole(app, `race-accept-${Date.now()}`, 'Race members');
  const invitation = await createInvitation(app, { maxUses: 5, role: role.id, allowExistingAccounts: true });
  const members = await Promise.all(Array.from({ length: 10 }, () => createMember(app)));
  const bearers = await Promise.all(members.map((member) => memberToken(app, member)));
  const usersBefore = await app.strapi.db.query('plugin::users-permissions.user').count();

  const [accepts, signUps] = await Promise.all([
    Promise.all(bearers.map((bearer) => acceptInvitation(app, invitation.token, bearer))),
    Promise.all(Array.from({ length: 10 }, () => register(app, { ...newAccount(), invitationToken: invitation.token }))),
  ]);

  const all = [...accepts, ...signUps].map((res) => res.status);
  expect(all.filter((s) => s === 200)).toHaveLength(5);
  expect(all.filter((s) => s !== 200 && s !== 410)).toEqual([]);
  const accepted = accepts.filter((res) => res.status === 200).length;
  const registered = signUps.filter((res) => res.status === 200).length;
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(5);
  const redemptions = await app.strapi.db
    .query('plugin::invitations.redemption')
    .findMany({ where: { invitation: { id: invitation.id } } });
  expect(redemptions.filter((r: { kind: string }) => r.kind === 'accepted')).toHaveLength(accepted);
  expect(redemptions.filter((r: { kind: string }) => r.kind === 'registered')).toHaveLength(registered);
  expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(usersBefore + registered);
  const withRole = await app.strapi.db
    .query('plugin::users-permissions.user')
    .count({ where: { id: { $in: members.map((member) => member.id) }, role: { id: role.id } } });
  expect(withRole).toBe(accepted);
});

test('an admin lowering the limit during a burst of registrations never leaves more seats taken than the limit', async () => {
  const invitation = await createInvitation(app, { maxUses: 20 });
  const lowerLimit = app
    .http()
    .put(`/invitations/invitations/${invitation.id}`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ maxUses: 10 });
  const [edit, ...registrations] = await Promise.all([
    lowerLimit,
    ...Array.from({ length: 20 }, () => register(app, { ...newAccount(), invitationToken: invitation.token })),
  ]);

  // The edit came either before more than 10 seats were taken, or after.
  expect([200, 400]).toContain(edit.status);
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.maxUses).toBe(edit.status === 200 ? 10 : 20);
  expect(row.usedCount).toBeLessThanOrEqual(row.maxUses);
  const statuses = registrations.map((res) => res.status);
  expect(statuses.filter((s) => s !== 200 && s !== 410)).toEqual([]);
  expect(statuses.filter((s) => s === 200)).toHaveLength(row.usedCount);
});

test('the same sign-up sent several times at once (a double click, a retry) makes one account and takes one seat', async () => {
  const invitation = await createInvitation(app, { maxUses: 10 });
  const account = newAccount();
  const responses = await Promise.all(
    Array.from({ length: 4 }, () => register(app, { ...account, invitationToken: invitation.token }))
  );
  const statuses = responses.map((res) => res.status).sort();

  expect(statuses).toEqual([200, 400, 400, 400]);
  for (const refused of responses.filter((res) => res.status === 400)) {
    expect(refused.body.error.message).toBe('Email or Username are already taken');
  }
  const users = await app.strapi.db.query('plugin::users-permissions.user').findMany({ where: { email: account.email } });
  expect(users).toHaveLength(1);
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(1);
});

/**
 * The first `lifecycle` of `model` that `matches` paused: a site's own lifecycle that waits.
 * Resolves `reached` when the pause begins; `release` lets it go on. Later ones are not paused.
 * `during(run)` runs a test's steps with the pause in place and, however they end, lets it go and
 * removes it, so that a failed step cannot leave a request hanging.
 */
const pauseFirst = (model: string, lifecycle: 'beforeCreate' | 'afterUpdate', matches: (event: Event) => boolean) => {
  let release = () => {};
  let reachedPause = () => {};
  const reached = new Promise<void>((resolve) => {
    reachedPause = resolve;
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let paused = false;
  const unsubscribe = app.strapi.db.lifecycles.subscribe({
    models: [model],
    async [lifecycle](event: Event) {
      if (paused || !matches(event)) return;
      paused = true;
      reachedPause();
      await held;
    },
  });
  const during = async (run: () => Promise<void>) => {
    try {
      await run();
    } finally {
      release();
      unsubscribe();
    }
  };
  return { reached, release, during };
};

type Event = { params: { data?: Record<string, unknown>; where?: Record<string, unknown> } };

/**
 * The first registration of `email` paused inside its transaction, once its account is about to be
 * inserted (its link claimed, its password hashed).
 */
const pauseRegistrationOf = (email: string) =>
  pauseFirst('plugin::users-permissions.user', 'beforeCreate', (event) => event.params.data?.email === email.toLowerCase());

/** Whether `promise` has still not settled 300 ms from now: a request that waits for a lock. */
const stillWaiting = async (promise: Promise<unknown>) => {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true)
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return !settled;
};

/** `promise`, or a failure saying `what` happened when it takes more than `ms`. */
const within = async <T>(ms: number, promise: PromiseLike<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), late]);
  } finally {
    clearTimeout(timer);
  }
};

test('the same person through their personal link and the shared link at once gets one account', async () => {
  const person = newAccount();
  const { invitation, token: personalToken } = await createPersonalLink(app, person.email, { maxUses: 5 });
  const pause = pauseRegistrationOf(person.email);
  await pause.during(async () => {
    const throughPersonalLink = register(app, { ...person, invitationToken: personalToken }).then((res) => res);
    await pause.reached;
    const throughSharedLink = register(app, {
      ...person,
      username: `${person.username}-2`,
      invitationToken: invitation.token,
    }).then((res) => res);
    expect(await stillWaiting(throughSharedLink)).toBe(true);
    pause.release();
    expect((await throughPersonalLink).status).toBe(200);
    const refused = await throughSharedLink;
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Email or Username are already taken');
  });
  const users = await app.strapi.db
    .query('plugin::users-permissions.user')
    .findMany({ where: { email: person.email.toLowerCase() } });
  expect(users).toHaveLength(1);
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(1);
});

// PostgreSQL takes a shared link's seat with the redemption, at the end of the registration:
// elsewhere one link's sign-ups queue (SQLite has one connection; MySQL/MariaDB take the seat first).
const onPostgres = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'postgres' ? test : test.skip;

onPostgres("one link's sign-ups do not wait for each other's (the seat's row lock is held only at the end)", async () => {
  const invitation = await createInvitation(app, { maxUses: 5 });
  const slow = newAccount();
  const pause = pauseRegistrationOf(slow.email);
  await pause.during(async () => {
    const slowRegistration = register(app, { ...slow, invitationToken: invitation.token }).then((res) => res);
    await pause.reached;
    const quick = await within(
      10_000,
      register(app, { ...newAccount(), invitationToken: invitation.token }),
      'the second sign-up waited for the first'
    );
    expect(quick.status).toBe(200);
    pause.release();
    expect((await slowRegistration).status).toBe(200);
  });
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(2);
});

/** Resolves once a transaction waits for a link's advisory lock (take-seat.ts's namespace 0x696e7669); fails after 10 s. */
const waitingForLinkLock = async () => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await app.strapi.db.connection.raw(
      "SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = ?",
      [0x696e7669]
    );
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the sign-up did not wait for the link's lock");
};

/** A role of the test's own (before) and the authenticated role (after): an admin's change of a link's role. */
const rolesToSwitch = async (type: string) => {
  const suffix = `${process.pid}-${Date.now()}`;
  const { id: before } = await createRole(app, `${type}-${suffix}`, `${type} ${suffix}`);
  const { id: after } = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  return { before: before as number, after: after as number };
};

/** The admin's edit of a link's role, as the admin panel sends it. */
const changeRole = (invitationId: number, role: number) =>
  app
    .http()
    .put(`/invitations/invitations/${invitationId}`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ role })
    .then((res) => res);

/** The role id of the account with this email. */
const roleOf = async (email: string) => (await findUser(app, email)).role.id;

onPostgres('an admin edit waits for a sign-up in progress, which gets the settings it read', async () => {
  const { before, after } = await rolesToSwitch('early-editors');
  const invitation = await createInvitation(app, { maxUses: 5, role: before });
  const account = newAccount();
  const pause = pauseRegistrationOf(account.email);
  await pause.during(async () => {
    const registration = register(app, { ...account, invitationToken: invitation.token }).then((res) => res);
    await pause.reached;
    const edit = changeRole(invitation.id, after);
    expect(await stillWaiting(edit)).toBe(true);
    pause.release();
    expect((await registration).status).toBe(200);
    expect((await edit).status).toBe(200);
  });
  expect(await roleOf(account.email)).toBe(before);
});

onPostgres("a personal link's sign-up that starts during an admin's role change waits for it and gets the new role", async () => {
  const { before, after } = await rolesToSwitch('late-editors');
  const person = newAccount();
  const { invitation, token } = await createPersonalLink(app, person.email, { maxUses: 5, role: before });
  // The admin's change is written, not yet committed.
  const pause = pauseFirst(
    'plugin::invitations.invitation',
    'afterUpdate',
    (event) => Number(event.params.where?.id) === invitation.id
  );
  await pause.during(async () => {
    const edit = changeRole(invitation.id, after);
    await within(10_000, pause.reached, "the admin's edit never reached its write");
    const registration = register(app, { ...person, invitationToken: token }).then((res) => res);
    await waitingForLinkLock();
    pause.release();
    expect((await edit).status).toBe(200);
    expect((await registration).status).toBe(200);
  });
  expect(await roleOf(person.email)).toBe(after);
});
