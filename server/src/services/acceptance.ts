import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ROLE_UID, USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import { usersPermissionsAdvancedSettings } from '../utils/users-permissions-settings';
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
export interface MemberRow {
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

/** How long the hosted page's confirmation step may follow the sign-in. */
const TICKET_LIFETIME_MS = 10 * 60 * 1000;

/** Thrown to end a preview's transaction: its seat is given back. */
class PreviewRolledBack extends Error {}

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

  const advancedSettings = () => usersPermissionsAdvancedSettings(strapi);

  const findMember = (id: number | string, fields: string[] = []): Promise<MemberRow | null> =>
    strapi.db.query(USER_UID).findOne({
      select: ['id', 'username', 'email', 'blocked', 'confirmed', ...fields],
      where: { id },
      populate: { role: { select: ROLE_FIELDS } },
    });

  /** The account with this id if it may sign in (not blocked, confirmed where the site asks for it); 401 otherwise. */
  const memberWhoMaySignIn = async (id: number | string): Promise<MemberRow> => {
    const member = await findMember(id);
    if (!member || member.blocked) throw notSignedInError();
    if ((await advancedSettings()).email_confirmation && !member.confirmed) throw notSignedInError();
    return member;
  };

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
    return memberWhoMaySignIn(payload.id);
  };

  /** What a ticket signs: the member, when it expires, the link and the browser's form value. */
  const ticketContent = (memberId: number, expiresAt: number, linkToken: string, formValue: string) =>
    `accept-ticket|${memberId}|${expiresAt}|${getService(strapi, 'tokens').hash(linkToken)}|${formValue}`;

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

  /**
   * Takes the seat and checks every rule of an accept, writing nothing else: the link, the role it
   * gives and the one the member has. A refusal throws.
   */
  const claimForMember = async (token: unknown, member: MemberRow, trx: Knex.Transaction) => {
    const seats = getService(strapi, 'seats');
    // The seat first: its row lock queues this accept behind any other on the link, so what is
    // read next (earlier accepts, the member's role) is what they committed.
    const invitation = await seats.claim(token, trx, member.email);
    if (!invitation.allowExistingAccounts) throw existingAccountsNotAllowedError();
    if (await seats.hasRedemption(invitation.id, member.id, trx)) throw alreadyAcceptedError();
    const previous = (await findMember(member.id))?.role ?? null;
    const role = await roleGivenBy(invitation);
    if (previous?.id === role.id) throw sameRoleError(role);
    return { invitation, role, previous };
  };

  /** Takes the seat and changes the member, or refuses with nothing changed. */
  const acceptInTransaction = async (token: unknown, member: MemberRow, trx: Knex.Transaction) => {
    const claimed = await claimForMember(token, member, trx);
    await changeMember(member.id, claimed.invitation, claimed.role);
    const redeemedAt = await getService(strapi, 'seats').recordAcceptance(
      claimed.invitation,
      member.id,
      claimed.previous?.id ?? null,
      trx
    );
    return { ...claimed, redeemedAt };
  };

  return {
    signedInMember,

    /** The account a sign-in just named, if it may sign in (401 otherwise). */
    signedInMemberById: memberWhoMaySignIn,

    /**
     * For the hosted page's confirmation step: a signed, short-lived proof that `memberId` signed in
     * on this link, in the browser whose form value (its CSRF cookie's) is `formValue`.
     */
    issueTicket(memberId: number, linkToken: string, formValue: string): string {
      const expiresAt = Date.now() + TICKET_LIFETIME_MS;
      const signature = getService(strapi, 'tokens').sign(ticketContent(memberId, expiresAt, linkToken, formValue));
      return `${memberId}.${expiresAt}.${signature}`;
    },

    /** The member a ticket of this link and browser names, if it is intact, unexpired, and they may still sign in; 401 otherwise. */
    async memberFromTicket(ticket: unknown, linkToken: string, formValue: string): Promise<MemberRow> {
      const [id, expires, signature] = typeof ticket === 'string' ? ticket.split('.') : [];
      const memberId = Number(id);
      const expiresAt = Number(expires);
      const intact =
        Number.isSafeInteger(memberId) &&
        Number.isSafeInteger(expiresAt) &&
        getService(strapi, 'tokens').isSignatureOf(ticketContent(memberId, expiresAt, linkToken, formValue), signature);
      if (!intact || expiresAt < Date.now()) throw notSignedInError();
      return memberWhoMaySignIn(memberId);
    },

    /**
     * What accepting would change, every rule checked as the accept checks them (the seat taken,
     * then given back): the role the link gives and the one the member has. A refusal throws.
     */
    async preview(token: unknown, member: MemberRow): Promise<{ role: RoleSummary; previousRole: RoleSummary | null }> {
      let previewed: { role: RoleSummary; previousRole: RoleSummary | null } | undefined;
      try {
        await strapi.db.transaction(async ({ trx }) => {
          const { role, previous } = await claimForMember(token, member, trx);
          previewed = { role: roleSummary(role) as RoleSummary, previousRole: roleSummary(previous) };
          throw new PreviewRolledBack();
        });
      } catch (error) {
        if (!(error instanceof PreviewRolledBack)) throw error;
      }
      return previewed as { role: RoleSummary; previousRole: RoleSummary | null };
    },

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
