import { AsyncLocalStorage } from 'node:async_hooks';
import type { RedeemableInvitation } from '../services/seats';

/**
 * Writes who took the seat, in the registration's transaction (with `roleId`, the account's role
 * link too); resolves with when.
 */
export type RecordRedemption = (invitation: RedeemableInvitation, userId: number, roleId?: number) => Promise<Date>;

/** The query engine's parameters of a user's create or findOne, as the user lifecycles see them. */
export interface UserQueryParams {
  data?: Record<string, unknown>;
  where?: unknown;
  select?: unknown;
  populate?: unknown;
}

/**
 * A registration through an invitation, while its transaction is open.
 *
 * On PostgreSQL each statement is a round trip, and on the bench's machine one sent after a pause
 * waited about 1.5 ms against 0.2 to 0.4 ms for one sent right behind another (bench/RESULTS.md,
 * row 1). So the claim (the seat's UPDATE, or on PostgreSQL the link's locks and read) goes out
 * while users-permissions starts its own reads, and the redemption is written as soon as the
 * account exists: on PostgreSQL with the account's role link, before Strapi reads the account
 * back (which saves the query engine's two statements for that link); elsewhere while
 * users-permissions builds its answer. What keeps the rules is what waits for the claim: every
 * read and the insert of an account (the user lifecycles in bootstrap.ts), and the commit.
 */
export interface RedemptionInProgress {
  /** The claim: the invitation whose seat it is (or, on PostgreSQL, will be), or why the link refuses (404, 410, 403). */
  claimed: Promise<RedeemableInvitation>;
  /** The registrant's address as users-permissions stores it (lower case): whose account gets the redemption. */
  email: string | null;
  /**
   * Starts writing the redemption of the account just created (by `create`, when the caller knows
   * it), once, if it is the registrant's; returns the role whose link that statement writes, if any.
   */
  recordAccount: (account: { id: number; email?: unknown }, create?: UserQueryParams) => number | undefined;
  /** The redemption being written, and for which account; undefined until the registrant's account is created. */
  recording?: { userId: number; redeemedAt: Promise<Date> };
  /**
   * The registrant's role as takeRoleLink took it out of the account's INSERT (`taken`: the value
   * the data held), and the create's parameters, by which its read-back is known.
   */
  roleLink?: { roleId: number; taken: unknown; create: UserQueryParams; settled: boolean };
  /**
   * From the user's beforeCreate, where the redemption's statement can link the role (PostgreSQL):
   * takes the registrant's role out of the INSERT's data. The query engine would spend two round
   * trips on that link (its users' order, then the link); the redemption writes it in its own.
   */
  takeRoleLink: (params: UserQueryParams) => void;
  /**
   * Decides, once, the role the redemption links for the account `create` made (by default the
   * one whose role was taken): the role takeRoleLink took, unless a later hook gave the account a
   * role again (the query engine has then linked that one, as it would have). Puts the taken value
   * back into the create's data, for the hooks that read it once the account exists.
   */
  settleRoleLink: (create?: UserQueryParams) => number | undefined;
  /**
   * From the user's beforeFindOne: when it is the create's read-back of the registrant's account
   * (same select and populate, by id), writes the redemption and the role link first, so that the
   * account is read back with its role, as users-permissions asked.
   */
  beforeReadBack: (params: UserQueryParams) => Promise<void>;
  /** Work that must wait for the commit (an email about an account that may still roll back). */
  afterCommit: Array<() => Promise<void>>;
}

const ignore = () => undefined;

/** The one related row's id of a to-one relation's value as the query engine takes it, or undefined. */
const singleRelationId = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  const { set } = (value ?? {}) as { set?: unknown };
  if (!Array.isArray(set) || set.length !== 1) return undefined;
  const [only] = set as Array<Record<string, unknown>>;
  return Object.keys(only).length === 1 && typeof only.id === 'number' ? only.id : undefined;
};

/** A findOne by id alone, with the select and populate of `create`: the query engine reading back what it created. */
const isReadBackOf = (create: UserQueryParams, params: UserQueryParams) => {
  const where = params.where as Record<string, unknown> | undefined;
  return (
    params.select === create.select &&
    params.populate === create.populate &&
    where !== undefined &&
    Object.keys(where).length === 1 &&
    typeof where.id === 'number'
  );
};

/**
 * A registration of `email` through `claimed`, which `record` writes down once the account
 * exists. Rejections are marked handled here: the gate awaits both before it commits or rolls back,
 * but a refused claim may settle before anyone awaits it.
 */
export const startRedemption = (
  claimed: Promise<RedeemableInvitation>,
  email: unknown,
  record: RecordRedemption,
  { linksRole = false }: { linksRole?: boolean } = {}
): RedemptionInProgress => {
  claimed.catch(ignore);
  const redemption: RedemptionInProgress = {
    claimed,
    email: typeof email === 'string' ? email.toLowerCase() : null,
    afterCommit: [],
    recordAccount(account, create) {
      // A site's own hook may create other accounts during the registration: not this one's.
      if (redemption.recording || account.email !== redemption.email) return undefined;
      const roleId = redemption.settleRoleLink(create);
      const redeemedAt = claimed.then((invitation) => record(invitation, account.id, roleId));
      redeemedAt.catch(ignore);
      redemption.recording = { userId: account.id, redeemedAt };
      return roleId;
    },
    takeRoleLink(params) {
      const { data } = params;
      if (!linksRole || !data || redemption.recording || redemption.roleLink || data.email !== redemption.email) return;
      const roleId = singleRelationId(data.role);
      if (roleId === undefined) return;
      redemption.roleLink = { roleId, taken: data.role, create: params, settled: false };
      delete data.role;
    },
    settleRoleLink(create) {
      const { roleLink } = redemption;
      if (!roleLink || roleLink.settled || (create && create !== roleLink.create)) return undefined;
      roleLink.settled = true;
      const data = roleLink.create.data as Record<string, unknown>;
      if (data.role !== undefined) return undefined;
      data.role = roleLink.taken;
      return roleLink.roleId;
    },
    async beforeReadBack(params) {
      const { roleLink } = redemption;
      if (!roleLink || redemption.recording || !isReadBackOf(roleLink.create, params)) return;
      redemption.recordAccount({ id: (params.where as { id: number }).id, email: redemption.email }, roleLink.create);
      // Its failure (no seat left) is the gate's to report, once users-permissions has answered.
      await redemption.recording?.redeemedAt.catch(ignore);
    },
  };
  return redemption;
};

/**
 * The registration in progress, for as long as users-permissions creates the account: the user
 * lifecycles and the confirmation email read it.
 */
export const redemptionScope = new AsyncLocalStorage<RedemptionInProgress>();

/**
 * Until the claim has answered, nothing reads or creates an account inside a registration through
 * an invitation. The claim itself runs outside the scope, so it never waits for itself.
 */
export const waitForClaim = async (): Promise<RedeemableInvitation | undefined> => redemptionScope.getStore()?.claimed;

/**
 * Wraps a sender of email so that, inside a registration through an invitation, it sends only once
 * the account is committed: the seat's row lock (and, on SQLite, the database's only connection)
 * is not held while a mail server answers, and no email goes out for an account that rolls back.
 */
export const holdUntilCommitted =
  <A extends unknown[]>(send: (...args: A) => Promise<unknown>) =>
  async (...args: A): Promise<void> => {
    const redemption = redemptionScope.getStore();
    if (!redemption) {
      await send(...args);
      return;
    }
    redemption.afterCommit.push(async () => {
      await send(...args);
    });
  };
