import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ROLE_UID, USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import {
  alreadyAcceptedError,
  existingAccountsNotAllowedError,
  notSignedInError,
  sameRoleError,
  unknownInvitationError,
} from '../utils/errors';
import type { AcceptResult, RoleSummary } from '../../../shared';
import type { KoaContext } from '../koa';
import type { RedeemableInvitation } from './seats';

/** A users-permissions account as the accept reads it: who, its role, and the fields a link may preset. */
interface MemberRow {
  id: number;
  username: string;
  email: string;
  blocked?: boolean | null;
  confirmed?: boolean | null;
  role: RoleSummary | null;
  [field: string]: unknown;
}

interface UsersPermissionsServices {
  jwt: { getToken: (ctx: KoaContext) => Promise<{ id?: number | string }> | null };
}

const ROLE_FIELDS = ['id', 'name', 'type'];

/** A preset fills a field only where the member has left it empty. */
const isEmptyField = (value: unknown) => value === null || value === undefined || value === '';

const roleSummary = (role: RoleSummary | null | undefined): RoleSummary | null =>
  role ? { id: role.id, name: role.name, type: role.type } : null;

/**
 * Accepting a link with an existing account (`allowExistingAccounts`): the member signed in with
 * users-permissions takes a seat, exactly as a sign-up does, and gets the link's role, plus its
 * presets where their own fields are empty. Everything happens in one transaction: a refusal
 * changes neither the role nor the seats.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const usersPermissionsService = <K extends keyof UsersPermissionsServices>(name: K) =>
    strapi.plugin('users-permissions').service(name) as unknown as UsersPermissionsServices[K];

  const advancedSettings = async () =>
    ((await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) ?? {}) as {
      email_confirmation?: boolean;
      default_role?: string;
    };

  const findMember = (id: number | string, fields: string[] = []): Promise<MemberRow | null> =>
    strapi.db.query(USER_UID).findOne({
      select: ['id', 'username', 'email', 'blocked', 'confirmed', ...fields],
      where: { id },
      populate: { role: { select: ROLE_FIELDS } },
    });

  /**
   * The account the request's `Authorization: Bearer` token names, checked as users-permissions
   * checks it for its own routes (a JWT, or in refresh mode a session's access token): 401 without
   * one, or for an account that is blocked or still has to confirm its email.
   */
  const signedInMember = async (ctx: KoaContext): Promise<MemberRow> => {
    // null without a Bearer header; a promise otherwise, rejected for a token it did not issue.
    const payload = await Promise.resolve()
      .then(() => usersPermissionsService('jwt').getToken(ctx))
      .catch(() => null);
    if (payload?.id === undefined || payload.id === null) throw notSignedInError();
    const member = await findMember(payload.id);
    if (!member || member.blocked) throw notSignedInError();
    if ((await advancedSettings()).email_confirmation && !member.confirmed) throw notSignedInError();
    return member;
  };

  /** The role the link gives: its own, or the site's default role when it names none. */
  const roleGivenBy = async (invitation: RedeemableInvitation): Promise<RoleSummary> => {
    const where = invitation.role ? { id: invitation.role.id } : { type: (await advancedSettings()).default_role };
    const role = await strapi.db.query(ROLE_UID).findOne({ select: ROLE_FIELDS, where });
    // The role was deleted since the link was made: the link cannot give it.
    if (!role) throw unknownInvitationError();
    return role;
  };

  /** The member's new role, and the link's presets on the fields they left empty. */
  const changeMember = async (memberId: number, invitation: RedeemableInvitation, role: RoleSummary) => {
    const { role: _linkRole, ...presets } = await getService(strapi, 'first-access').presetsFor(invitation);
    const current = await findMember(memberId, Object.keys(presets));
    const filled = Object.fromEntries(Object.entries(presets).filter(([name]) => isEmptyField(current?.[name])));
    await strapi.db.query(USER_UID).update({ where: { id: memberId }, data: { ...filled, role: role.id } });
  };

  /** Takes the seat and changes the member, or refuses with nothing changed. */
  const acceptInTransaction = async (token: unknown, member: MemberRow, trx: Knex.Transaction) => {
    const seats = getService(strapi, 'seats');
    // The seat first: its row lock queues this accept behind any other on the link, so what is
    // read next (earlier accepts, the member's role) is what they committed.
    const invitation = await seats.claim(token, trx, member.email);
    if (!invitation.allowExistingAccounts) throw existingAccountsNotAllowedError();
    if (await seats.hasRedemption(invitation.id, member.id, trx)) throw alreadyAcceptedError();
    const previous = (await findMember(member.id))?.role ?? null;
    const role = await roleGivenBy(invitation);
    if (previous?.id === role.id) throw sameRoleError(role);
    await changeMember(member.id, invitation, role);
    const redeemedAt = await seats.recordAcceptance(invitation, member.id, previous?.id ?? null, trx);
    return { invitation, role, previous, redeemedAt };
  };

  return {
    signedInMember,

    /** `POST /api/invitations/:token/accept` for the signed-in `member`. */
    async accept(token: unknown, member: MemberRow): Promise<AcceptResult> {
      const { invitation, role, previous, redeemedAt } = await strapi.db.transaction(({ trx }) =>
        acceptInTransaction(token, member, trx)
      );
      const user = { id: member.id, username: member.username, email: member.email };
      getService(strapi, 'seats').announceRedemption(invitation, user, redeemedAt, {
        kind: 'accepted',
        previousRole: roleSummary(previous),
      });
      return {
        user,
        role: roleSummary(role) as RoleSummary,
        previousRole: roleSummary(previous),
        redirectUrl: getService(strapi, 'first-access').allowedRedirect(invitation.redirectUrl),
      };
    },
  };
};
