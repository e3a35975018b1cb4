import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { INVITATION_UID, REDEMPTION_UID, ROLE_UID } from '../constants';
import { ADMIN_AUTHOR_FIELDS, presentAdminAuthor } from '../utils/admin-author';
import { deleteInBatches } from '../utils/delete-in-batches';
import { getService } from '../utils/get-service';
import { invitationStatus, remainingSeats, uniqueDomainEntries, type Invitation, type ListQuery } from '../../../shared';
import { fieldError, type InvitationInput } from '../validation/invitation';

interface Relation {
  id: number;
  [key: string]: unknown;
}

export interface InvitationRow {
  id: number;
  name: string;
  maxUses: number;
  usedCount: number;
  expiresAt: string | Date;
  tokenHash: string;
  tokenCiphertext: string | null;
  welcomeMessage: string | null;
  redirectUrl: string | null;
  userDefaults: Record<string, unknown> | null;
  allowedEmailDomains: string[] | null;
  createdAt: string | Date;
  role?: Relation | null;
  createdBy?: Relation | null;
}

const FIELDS = [
  'id',
  'name',
  'maxUses',
  'usedCount',
  'expiresAt',
  'tokenHash',
  'tokenCiphertext',
  'welcomeMessage',
  'redirectUrl',
  'userDefaults',
  'allowedEmailDomains',
  'createdAt',
];
const POPULATE = {
  role: { select: ['id', 'name'] },
  createdBy: { select: ADMIN_AUTHOR_FIELDS },
};

const toIso = (value: string | Date) => new Date(value).toISOString();
const emptyToNull = (value: string | null | undefined) => (value ? value : null);
/** Validated entries, normalised and each once; none is stored as null: any address. */
const storedDomains = (entries: string[] | null) => {
  const domains = uniqueDomainEntries(entries ?? []);
  return domains.length > 0 ? domains : null;
};
const notFoundError = () => new errors.NotFoundError('Invitation not found');

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(INVITATION_UID);
  const tokens = () => getService(strapi, 'tokens');

  const present = (row: InvitationRow): Invitation => {
    const token = tokens().decrypt(row.tokenCiphertext, row.tokenHash);
    return {
      id: row.id,
      name: row.name,
      maxUses: row.maxUses,
      usedCount: row.usedCount,
      remaining: remainingSeats(row),
      expiresAt: toIso(row.expiresAt),
      status: invitationStatus(row),
      token,
      url: token ? getService(strapi, 'links').invitationUrl(token) : null,
      role: row.role ? { id: row.role.id, name: row.role.name as string } : null,
      welcomeMessage: row.welcomeMessage ?? null,
      redirectUrl: row.redirectUrl ?? null,
      userDefaults: row.userDefaults ?? {},
      allowedEmailDomains: row.allowedEmailDomains ?? [],
      createdAt: toIso(row.createdAt),
      createdBy: presentAdminAuthor(row.createdBy),
    };
  };

  const findRow = async (id: number): Promise<InvitationRow> => {
    const row = await query().findOne({ select: FIELDS, where: { id }, populate: POPULATE });
    if (!row) throw notFoundError();
    return row as InvitationRow;
  };

  /** Checks what the database and config decide: the role exists, the redirect and presets are allowed. */
  const assertFirstAccessValid = async (input: InvitationInput) => {
    await assertRoleExists(input.role);
    const firstAccess = getService(strapi, 'first-access');
    firstAccess.assertRedirectAllowed(input.redirectUrl);
    await firstAccess.assertUserDefaultsValid(input.userDefaults);
  };

  const assertRoleExists = async (role: number | null | undefined) => {
    if (role === undefined || role === null) return;
    const found = await strapi.db.query(ROLE_UID).findOne({ select: ['type'], where: { id: role } });
    if (!found) throw fieldError('role', `role ${role} does not exist`);
    // The public role is what visitors without an account get: no account should be given it.
    if (found.type === 'public') throw fieldError('role', 'role cannot be the public role');
  };

  const toData = (input: InvitationInput) => ({
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.maxUses !== undefined && { maxUses: input.maxUses }),
    ...(input.expiresAt !== undefined && { expiresAt: new Date(input.expiresAt) }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.welcomeMessage !== undefined && { welcomeMessage: emptyToNull(input.welcomeMessage?.trim()) }),
    ...(input.redirectUrl !== undefined && { redirectUrl: emptyToNull(input.redirectUrl?.trim()) }),
    ...(input.userDefaults !== undefined && { userDefaults: input.userDefaults }),
    ...(input.allowedEmailDomains !== undefined && { allowedEmailDomains: storedDomains(input.allowedEmailDomains) }),
  });

  return {
    async list({ page, pageSize, sort, q }: ListQuery) {
      const [field, direction] = sort.split(':');
      const { results, pagination } = await query().findPage({
        select: FIELDS,
        where: q ? { name: { $containsi: q } } : {},
        orderBy: [{ [field]: direction }, { id: direction }],
        populate: POPULATE,
        page,
        pageSize,
      });
      return { results: (results as InvitationRow[]).map(present), pagination };
    },

    async findOne(id: number) {
      const invitation = present(await findRow(id));
      const redemptions = await strapi.db.query(REDEMPTION_UID).findMany({
        select: ['id', 'redeemedAt'],
        where: { invitation: { id } },
        populate: { user: { select: ['id', 'username', 'email'] } },
        orderBy: [{ redeemedAt: 'desc' }, { id: 'desc' }],
      });
      return {
        ...invitation,
        redemptions: redemptions.map((redemption) => ({
          user: redemption.user
            ? { id: redemption.user.id, username: redemption.user.username, email: redemption.user.email }
            : null,
          redeemedAt: toIso(redemption.redeemedAt),
        })),
        deliveries: await getService(strapi, 'deliveries').logFor(id),
      };
    },

    async create(input: InvitationInput, adminUserId: number | undefined) {
      await assertFirstAccessValid(input);
      const token = tokens().generate();
      const tokenHash = tokens().hash(token);
      const { id } = await query().create({
        data: {
          ...toData(input),
          usedCount: 0,
          tokenHash,
          tokenCiphertext: tokens().encrypt(token, tokenHash),
          ...(adminUserId && { createdBy: adminUserId, updatedBy: adminUserId }),
        },
      });
      return present(await findRow(id));
    },

    async update(id: number, input: InvitationInput, adminUserId: number | undefined) {
      await assertFirstAccessValid(input);
      return strapi.db.transaction(async ({ trx }) => {
        // Locked, the seats taken cannot grow past the new limit before it is written.
        const seats = await getService(strapi, 'seats').lockForChange(id, trx);
        if (!seats) throw notFoundError();
        if (input.maxUses !== undefined && input.maxUses < seats.usedCount) {
          throw fieldError('maxUses', `maxUses cannot be lower than the ${seats.usedCount} uses already made`);
        }
        await query().update({
          where: { id },
          data: { ...toData(input), ...(adminUserId && { updatedBy: adminUserId }) },
        });
        return present(await findRow(id));
      });
    },

    /**
     * Deletes the link (it stops working at once, its personal links too), its redemption, email
     * and recipient records; never the accounts.
     */
    async delete(id: number) {
      return strapi.db.transaction(async ({ trx }) => {
        // With the row locked, no redemption can be added between listing them and the delete.
        if (!(await getService(strapi, 'seats').lockForChange(id, trx))) throw notFoundError();
        await deleteInBatches(strapi, REDEMPTION_UID, { invitation: { id } });
        await getService(strapi, 'deliveries').deleteFor(id);
        await getService(strapi, 'recipients').deleteFor(id);
        await query().delete({ where: { id } });
        return { id };
      });
    },
  };
};
