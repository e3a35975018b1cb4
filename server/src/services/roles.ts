import type { Core } from '@strapi/strapi';
import { ROLE_UID, USER_UID } from '../constants';
import { roleNotAssignableError } from '../utils/errors';
import type { AssignableRole, InvitationInput, SeatState } from '../../../shared';
import { usersPermissionsAdvancedSettings } from '../utils/users-permissions-settings';

/** What an admin does with a link that gives a role: make it, or edit it. */
export type RoleGrant = 'create' | 'update';

/** The admin's permissions as Strapi computed them for the request (`ctx.state.userAbility`). */
export type AdminAbility = unknown;

/** The Content Manager's permission by which an admin gives a user a role, per kind of change. */
export const CONTENT_MANAGER_ACTIONS: Record<RoleGrant, string> = {
  create: 'plugin::content-manager.explorer.create',
  update: 'plugin::content-manager.explorer.update',
};

interface RoleRow {
  id: number;
  name: string;
  description: string | null;
  type: string;
}

interface PermissionChecker {
  can: (action: string, entity: object, field: string) => boolean;
}

/** What an edit is checked against: the link as it is, its role's id (null: the default role). */
export interface LinkBeforeEdit extends SeatState {
  role: number | null;
  allowExistingAccounts: boolean;
}

/**
 * The role an edit gives to more people than the link did, null when none: a new role, or the
 * link's own role with more seats, a later expiry or opened to existing accounts. Renaming a link, or changing its texts,
 * presets or domains, gives no role to anyone more and needs no right to give it.
 */
const roleWidenedByEdit = (link: LinkBeforeEdit, input: Partial<InvitationInput>): number | null => {
  if (input.role !== undefined && input.role !== link.role) return input.role;
  const moreSeats = input.maxUses !== undefined && input.maxUses > link.maxUses;
  const later = input.expiresAt !== undefined && Date.parse(input.expiresAt) > new Date(link.expiresAt).getTime();
  const opensToMembers = input.allowExistingAccounts === true && !link.allowExistingAccounts;
  return moreSeats || later || opensToMembers ? link.role : null;
};

/** Who may give a role through a link, and which roles the admin's dialog offers. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const defaultRoleType = async () => (await usersPermissionsAdvancedSettings(strapi)).default_role;

  /** The site's narrowing (`assignableRoles`, role types); null when it sets none. */
  const allowedTypes = () => strapi.config.get<string[] | null>('plugin::invitations.assignableRoles') ?? null;

  /**
   * Whether the admin could give the role to a user in the Content Manager, checked there by
   * Strapi's own permission checker (aliases included) on the `role` field. The subject is the
   * account a link makes: it has the role and no admin as its creator, so a permission limited by
   * a condition ("Is creator") does not let an admin give roles through links.
   */
  const contentManagerAllows = (ability: AdminAbility, grant: RoleGrant, role: RoleRow) => {
    const checker = strapi
      .plugin('content-manager')
      .service('permission-checker')
      .create({ userAbility: ability, model: USER_UID }) as PermissionChecker;
    const account = { role: { id: role.id, name: role.name, type: role.type }, createdBy: null, updatedBy: null };
    return checker.can(CONTENT_MANAGER_ACTIONS[grant], account, 'role');
  };

  /** Why the admin may not give the role, or null when they may. */
  const refusalOf = (ability: AdminAbility, grant: RoleGrant, role: RoleRow) => {
    const types = allowedTypes();
    if (types !== null && !types.includes(role.type)) {
      return roleNotAssignableError(role, { reason: 'assignable-roles', assignableRoles: types });
    }
    if (!contentManagerAllows(ability, grant, role)) {
      return roleNotAssignableError(role, {
        reason: 'content-manager-permission',
        missing: { action: CONTENT_MANAGER_ACTIONS[grant], subject: USER_UID, field: 'role' },
      });
    }
    return null;
  };

  const findRoles = (where: Record<string, unknown> = {}): Promise<RoleRow[]> =>
    strapi.db.query(ROLE_UID).findMany({
      select: ['id', 'name', 'description', 'type'],
      // The public role is what visitors without an account get: no account should be given it.
      where: { $and: [{ type: { $ne: 'public' } }, where] },
      orderBy: { name: 'asc' },
    });

  /** Throws a 403 unless the admin may give the role (null: the default role, open to all). */
  const assertCanGive = async (ability: AdminAbility, grant: RoleGrant, roleId: number | null | undefined) => {
    if (typeof roleId !== 'number') return;
    // An unknown id is the caller's own 400.
    const [role] = await findRoles({ id: roleId });
    const refusal = role && refusalOf(ability, grant, role);
    if (refusal) throw refusal;
  };

  return {
    /**
     * The roles the admin may give by `grant`, and the site's default role (`isDefault`), which a
     * link gives with `role: null` whoever makes it.
     */
    async listAssignable(ability: AdminAbility, grant: RoleGrant): Promise<AssignableRole[]> {
      const [roles, defaultType] = await Promise.all([findRoles(), defaultRoleType()]);
      return roles
        .filter((role) => role.type === defaultType || refusalOf(ability, grant, role) === null)
        .map((role) => ({ ...role, isDefault: role.type === defaultType }));
    },

    /**
     * Making a link with a role needs the right to give it (403 otherwise); one that existing
     * accounts may accept changes their role, as an edit of those accounts would: that right too.
     */
    assertCanCreate: async (ability: AdminAbility, input: Partial<InvitationInput>) => {
      await assertCanGive(ability, 'create', input.role);
      if (input.allowExistingAccounts) await assertCanGive(ability, 'update', input.role);
    },

    /** Editing a link needs the right to give the role it widens, if any (see roleWidenedByEdit). */
    assertCanEdit: (ability: AdminAbility, link: LinkBeforeEdit, input: Partial<InvitationInput>) =>
      assertCanGive(ability, 'update', roleWidenedByEdit(link, input)),
  };
};
