// @database: the accounts' lifecycles and the role's join table around the registration
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, createRole, findUser, newAccount, register } from '../helpers/fixtures';

/**
 * The account made from an invitation, as the rest of the site sees it: its own user lifecycle
 * hooks see the invitation's role, may change it, and get the account with its role.
 */
let app: TestApp;
useTestApp((started) => {
  app = started;
});

const USER = 'plugin::users-permissions.user';

interface RoleJoinTable {
  name: string;
  joinColumn: { name: string };
  inverseOrderColumnName: string;
}

const roleJoinTable = () =>
  (app.strapi.db.metadata.get(USER).attributes.role as unknown as { joinTable: RoleJoinTable }).joinTable;

/** Each account's links to a role and their positions among the role's users, as the join table keeps them. */
const roleLinksOf = async (userIds: number[]) => {
  const joinTable = roleJoinTable();
  const rows = await app.strapi.db
    .connection(joinTable.name)
    .whereIn(joinTable.joinColumn.name, userIds)
    .select(joinTable.joinColumn.name, joinTable.inverseOrderColumnName);
  return userIds.map((id) =>
    rows
      .filter((row) => Number(row[joinTable.joinColumn.name]) === id)
      .map((row) => Number(row[joinTable.inverseOrderColumnName]))
  );
};

/** Runs `run` with `subscriber` on the accounts' lifecycles, and removes it however `run` ends. */
const whileSubscribed = async (
  subscriber: Record<string, (event: { params: { data: Record<string, unknown> }; result?: unknown }) => void>,
  run: () => Promise<void>
) => {
  const unsubscribe = app.strapi.db.lifecycles.subscribe({ models: [USER], ...subscriber });
  try {
    await run();
  } finally {
    unsubscribe();
  }
};

type CreatedAccount = { id: number; email: string; role?: { type: string } | null; roleInData: unknown };

/**
 * Registers `accounts` through `token` while a site's own afterCreate collects the created
 * accounts, with the role their create's data held.
 */
const registerWatched = async (token: string, accounts: Array<ReturnType<typeof newAccount>>) => {
  const created: CreatedAccount[] = [];
  const afterCreate = (event: { params: { data: Record<string, unknown> }; result?: unknown }) => {
    created.push({ ...(event.result as CreatedAccount), roleInData: event.params.data.role });
  };
  await whileSubscribed({ afterCreate }, async () => {
    for (const account of accounts) expect((await register(app, { ...account, invitationToken: token })).status).toBe(200);
  });
  return created;
};

/** While `run` goes, a site's own beforeCreate hook on accounts sees their role and gives them `replacement` instead. */
const withRoleReplacedBySite = async (replacement: number, run: () => Promise<void>) => {
  const seen: unknown[] = [];
  const beforeCreate = (event: { params: { data: Record<string, unknown> } }) => {
    seen.push(event.params.data.role);
    event.params.data.role = replacement;
  };
  await whileSubscribed({ beforeCreate }, run);
  return seen;
};

test("a site's own beforeCreate hook sees the invitation's role, and the role it sets is the one the account gets", async () => {
  const invited = await createRole(app, 'hook-invited');
  const chosen = await createRole(app, 'hook-chosen');
  const invitation = await createInvitation(app, { role: invited.id });
  const account = newAccount();
  const seen = await withRoleReplacedBySite(chosen.id, async () => {
    expect((await register(app, { ...account, invitationToken: invitation.token })).status).toBe(200);
  });
  expect(seen).toEqual([invited.id]);
  const user = await findUser(app, account.email);
  expect(user.role.type).toBe('hook-chosen');
  expect((await roleLinksOf([user.id]))[0]).toHaveLength(1);
});

test("a site's own afterCreate gets the account with its role, which keeps the role's users in order", async () => {
  const partners = await createRole(app, 'ordered-partner');
  const withRole = await createInvitation(app, { role: partners.id });
  const withoutRole = await createInvitation(app);

  const invited = await registerWatched(withRole.token, [newAccount(), newAccount()]);
  const byDefault = await registerWatched(withoutRole.token, [newAccount()]);
  expect(invited.map((account) => account.role?.type)).toEqual(['ordered-partner', 'ordered-partner']);
  expect(byDefault.map((account) => account.role?.type)).toEqual(['authenticated']);
  // The create's data still says which role it gave (the invitation's, as an id).
  expect(invited.map((account) => account.roleInData)).toEqual([partners.id, partners.id]);
  expect(byDefault[0].roleInData).toBeDefined();

  // An account Strapi links itself comes after them, as it would after accounts it made.
  const later = await app.strapi.documents(USER).create({ data: { ...newAccount(), provider: 'local', role: partners.id } });
  expect(await roleLinksOf([...invited.map(({ id }) => id), Number(later.id)])).toEqual([[1], [2], [3]]);
});
