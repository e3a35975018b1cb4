import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { INVITATION_UID, ROLE_UID } from '../constants';
import { columnName, containsPattern, countRows, isUniqueViolation, isoDate, tableName } from '../database/sql';
import { renewTokenCopies } from '../database/renew-token-copies';
import { whereStatus } from '../database/status-where';
import type { CsvExport } from '../export/csv-export';
import { ADMIN_AUTHOR_FIELDS, presentAdminAuthor } from '../utils/admin-author';
import { autoApproveNeedsSendError, codeTakenError, unusableInvitationError } from '../utils/errors';
import { getService, type Service } from '../utils/get-service';
import type { LinkVisibility } from '../utils/link-visibility';
import {
  actionId,
  invitationStatus,
  remainingSeats,
  uniqueDomainEntries,
  type Invitation,
  type InvitationDetail,
  type InvitationsSummary,
  type ListQuery,
  type Page,
  type RenewRequest,
  type RenewResult,
  type SeatState,
} from '../../../shared';
import { fieldError, type InvitationInput } from '../validation/invitation';
import { DETAIL_REDEMPTIONS } from './redemptions';
import type { AdminAbility, LinkBeforeEdit } from './roles';
import type { Sender } from './invitation-emails';

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
  autoApproveDomains: string[] | null;
  allowExistingAccounts: boolean | null;
  remindBeforeDays: number | null;
  codeHash: string | null;
  codeCiphertext: string | null;
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
  'autoApproveDomains',
  'allowExistingAccounts',
  'remindBeforeDays',
  'codeHash',
  'codeCiphertext',
  'createdAt',
];
const POPULATE = {
  role: { select: ['id', 'name'] },
  createdBy: { select: ADMIN_AUTHOR_FIELDS },
};

const emptyToNull = (value: string | null | undefined) => (value ? value : null);
/** Validated entries, normalised and each once; none is stored as null: any address. */
const storedDomains = (entries: string[] | null) => {
  const domains = uniqueDomainEntries(entries ?? []);
  return domains.length > 0 ? domains : null;
};
const notFoundError = () => new errors.NotFoundError('Invitation not found');
const unknownIdsError = (unknown: number[]) =>
  unknown.length === 1
    ? new errors.NotFoundError('Invitation not found', { unknown })
    : new errors.NotFoundError(`${unknown.length} invitations not found: ${unknown.join(', ')}`, { unknown });

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead the summary looks for links about to expire, and how many it names. */
const EXPIRING_SOON_DAYS = 7;
const EXPIRING_SOON_LINKS = 5;

/**
 * A link with auto-approve domains mails personal links by itself: giving it new ones takes the
 * send action. Clearing them, or saving the same list again, does not.
 */
const assertMaySetAutoApprove = (ability: AdminAbility, given: string[] | null | undefined, current: string[] | null = null) => {
  if (given === undefined) return;
  const wanted = storedDomains(given);
  if (wanted === null || JSON.stringify(wanted) === JSON.stringify(current)) return;
  if ((ability as { can?: (action: string) => boolean } | undefined)?.can?.(actionId('send')) !== true) {
    throw autoApproveNeedsSendError();
  }
};

/** What the lists an admin can download are made of. */
export type ExportKind = 'redemptions' | 'deliveries' | 'recipients';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(INVITATION_UID);
  const tokens = () => getService(strapi, 'tokens');

  /** The token, the address and the code to give people, only for an admin who may see them; null: not readable any more. */
  const linkOf = (row: InvitationRow, { showLinks }: LinkVisibility): Pick<Invitation, 'token' | 'url' | 'code' | 'codeUrl'> => {
    if (!showLinks) return {};
    const links = getService(strapi, 'links');
    const token = tokens().decrypt(row.tokenCiphertext, row.tokenHash);
    const code = row.codeHash ? tokens().decryptCode(row.codeCiphertext, row.codeHash) : null;
    return { token, url: token ? links.invitationUrl(token) : null, code, codeUrl: code ? links.codePageUrl(code) : null };
  };

  const present = (row: InvitationRow, visibility: LinkVisibility, now = new Date()): Invitation => {
    return {
      id: row.id,
      name: row.name,
      maxUses: row.maxUses,
      usedCount: row.usedCount,
      remaining: remainingSeats(row),
      expiresAt: isoDate(row.expiresAt),
      status: invitationStatus(row, now),
      ...linkOf(row, visibility),
      role: row.role ? { id: row.role.id, name: row.role.name as string } : null,
      welcomeMessage: row.welcomeMessage ?? null,
      redirectUrl: row.redirectUrl ?? null,
      userDefaults: row.userDefaults ?? {},
      allowedEmailDomains: row.allowedEmailDomains ?? [],
      autoApproveDomains: row.autoApproveDomains ?? [],
      allowExistingAccounts: row.allowExistingAccounts === true,
      remindBeforeDays: row.remindBeforeDays ?? null,
      hasCode: Boolean(row.codeHash),
      createdAt: isoDate(row.createdAt),
      createdBy: presentAdminAuthor(row.createdBy),
    };
  };

  const column = (attribute: string) => columnName(strapi, INVITATION_UID, attribute);
  const seatColumns = () => ({ maxUses: column('maxUses'), usedCount: column('usedCount'), expiresAt: column('expiresAt') });

  /** The links matching a list's search and status at `now`, as SQL on the invitations table. */
  const matching = ({ q, status }: Pick<ListQuery, 'q' | 'status'>, now: Date): Knex.QueryBuilder => {
    const rows = strapi.db.connection(tableName(strapi, INVITATION_UID));
    if (q) rows.whereRaw("LOWER(??) LIKE ? ESCAPE '!'", [column('name'), containsPattern(q)]);
    if (status) whereStatus(rows, seatColumns(), status, now);
    return rows;
  };

  /** The rows of these ids with their relations, in the order of `ids` (one gone meanwhile left out). */
  const rowsInOrder = async (ids: number[]): Promise<InvitationRow[]> => {
    if (ids.length === 0) return [];
    const rows = (await query().findMany({ select: FIELDS, where: { id: { $in: ids } }, populate: POPULATE })) as InvitationRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  /**
   * Locks each link, in increasing id order (two bulk deletes never wait for each other in a
   * cycle), until the transaction ends: the ids of those that do not exist.
   */
  const lockEach = async (ids: number[], trx: Knex.Transaction) => {
    const unknown: number[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      if (!(await getService(strapi, 'seats').lockForDelete(id, trx))) unknown.push(id);
    }
    return unknown;
  };

  /**
   * Deletes the links (they stop working at once, their personal links too), their redemption,
   * email and recipient records; never the accounts. All or nothing: with any id unknown, a 404 naming them and nothing deleted. With each
   * row locked, no redemption or email record can be added between listing them and the delete.
   */
  const deleteLinks = (ids: number[]) =>
    strapi.db.transaction(async ({ trx }) => {
      const unknown = await lockEach(ids, trx);
      if (unknown.length > 0) throw unknownIdsError(unknown);
      for (const id of ids) {
        await getService(strapi, 'redemptions').deleteFor(id);
        await getService(strapi, 'deliveries').deleteFor(id);
        await getService(strapi, 'recipients').deleteFor(id);
        await query().delete({ where: { id } });
      }
      return ids;
    });

  const findRow = async (id: number): Promise<InvitationRow> => {
    const row = await query().findOne({ select: FIELDS, where: { id }, populate: POPULATE });
    if (!row) throw notFoundError();
    return row as InvitationRow;
  };

  /** What decides the rights an edit or a renewal needs (roles.assertCanEdit), read in the caller's transaction. */
  const linkBeforeEdit = async (id: number, seats: SeatState) => {
    const { role, allowExistingAccounts, autoApproveDomains } = await query().findOne({
      select: ['id', 'allowExistingAccounts', 'autoApproveDomains'],
      where: { id },
      populate: { role: { select: ['id'] } },
    });
    const before: LinkBeforeEdit = { ...seats, role: role?.id ?? null, allowExistingAccounts: allowExistingAccounts === true };
    return { before, autoApproveDomains: (autoApproveDomains ?? null) as string[] | null };
  };

  const assertExists = async (id: number) => {
    if (!(await query().findOne({ select: ['id'], where: { id } }))) throw notFoundError();
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
    ...(input.autoApproveDomains !== undefined && { autoApproveDomains: storedDomains(input.autoApproveDomains) }),
    ...(input.allowExistingAccounts !== undefined && { allowExistingAccounts: input.allowExistingAccounts }),
    ...(input.remindBeforeDays !== undefined && { remindBeforeDays: input.remindBeforeDays }),
    ...(input.code !== undefined && storedCode(input.code)),
  });

  /** The columns of a code: its keyed hash and an encrypted copy of it as typed; both null without one. */
  const storedCode = (code: string | null) => {
    if (code === null) return { codeHash: null, codeCiphertext: null };
    const [codeHash] = tokens().codeHashes(code);
    return { codeHash, codeCiphertext: tokens().encryptCode(code, codeHash) };
  };

  /**
   * A link saved at the same moment with the same code passed assertCodeFree too: the unique
   * column refuses the second, which is the same 409 (a token hash never collides).
   */
  const codeTakenWhenDuplicate = (error: unknown): never => {
    throw isUniqueViolation(error) ? codeTakenError() : error;
  };

  /** 409 when another link has this code (under any configured key). */
  const assertCodeFree = async (code: string | null | undefined, ownId?: number) => {
    if (!code) return;
    const taken = await query().findOne({
      select: ['id'],
      where: { codeHash: { $in: tokens().codeHashes(code) }, ...(ownId !== undefined && { id: { $ne: ownId } }) },
    });
    if (taken) throw codeTakenError();
  };

  return {
    /** A page of links: the page's ids and the count in SQL (search, status, sort), then those rows. */
    async list({ page, pageSize, sort, q, status }: ListQuery, visibility: LinkVisibility): Promise<Page<Invitation>> {
      const now = new Date();
      const [field, direction] = sort.split(':');
      const [idRows, total] = await Promise.all([
        matching({ q, status }, now)
          .select('id')
          .orderBy([
            { column: column(field), order: direction },
            { column: 'id', order: direction },
          ])
          .limit(pageSize)
          .offset((page - 1) * pageSize) as Promise<Array<{ id: number }>>,
        countRows(matching({ q, status }, now)),
      ]);
      const rows = await renewTokenCopies(strapi, INVITATION_UID, await rowsInOrder(idRows.map((row) => row.id)));
      return {
        results: rows.map((row) => present(row, visibility, now)),
        pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
      };
    },

    /** The link, the count and first page of its redemptions (the rest is paged), its emails sent. */
    async findOne(id: number, visibility: LinkVisibility): Promise<InvitationDetail> {
      const [row] = await renewTokenCopies(strapi, INVITATION_UID, [await findRow(id)]);
      const invitation = present(row, visibility);
      const [firstPage, deliveries] = await Promise.all([
        getService(strapi, 'redemptions').page(id, { page: 1, pageSize: DETAIL_REDEMPTIONS }),
        getService(strapi, 'deliveries').logFor(id),
      ]);
      return { ...invitation, redemptionCount: firstPage.pagination.total, redemptions: firstPage.results, deliveries };
    },

    async redemptions(id: number, pageQuery: Parameters<Service<'redemptions'>['page']>[1]) {
      await assertExists(id);
      return getService(strapi, 'redemptions').page(id, pageQuery);
    },

    async timeline(id: number) {
      const row = await findRow(id);
      return getService(strapi, 'redemptions').timeline(
        {
          id,
          createdAt: new Date(row.createdAt),
          expiresAt: new Date(row.expiresAt),
          maxUses: row.maxUses,
          usedCount: row.usedCount,
        },
        new Date()
      );
    },

    /** What an export of the link's `kind` list is made of; 404 for an unknown link. */
    async csvExport(id: number, kind: ExportKind): Promise<CsvExport<{ id: number }>> {
      await assertExists(id);
      return getService(strapi, kind).csvExport(id) as CsvExport<{ id: number }>;
    },

    /** The homepage widget's figures, each counted by the database at one instant. */
    async summary(now = new Date()): Promise<Omit<InvitationsSummary, 'pendingAccessRequests'>> {
      const expiringSoon = () =>
        matching({ status: 'active' }, now).where(
          column('expiresAt'),
          '<=',
          new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS)
        );
      const redemptions = getService(strapi, 'redemptions');
      const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
      const [activeLinks, signUpsLast7Days, signUpsLast30Days, acceptsLast7Days, acceptsLast30Days, soonCount, soonRows] =
        await Promise.all([
          countRows(matching({ status: 'active' }, now)),
          redemptions.countSince(daysAgo(7)),
          redemptions.countSince(daysAgo(30)),
          redemptions.countSince(daysAgo(7), 'accepted'),
          redemptions.countSince(daysAgo(30), 'accepted'),
          countRows(expiringSoon()),
          expiringSoon()
            .select({ id: 'id', name: column('name'), ...seatColumns() })
            .orderBy([{ column: column('expiresAt') }, { column: 'id' }])
            .limit(EXPIRING_SOON_LINKS),
        ]);
      return {
        activeLinks,
        signUpsLast7Days,
        signUpsLast30Days,
        acceptsLast7Days,
        acceptsLast30Days,
        expiringSoon: {
          count: soonCount,
          links: soonRows.map(
            (row: { id: number; name: string; maxUses: number; usedCount: number; expiresAt: string | number }) => ({
              id: row.id,
              name: row.name,
              expiresAt: isoDate(row.expiresAt),
              remaining: remainingSeats({ ...row, expiresAt: isoDate(row.expiresAt) }),
            })
          ),
        },
      };
    },

    async create(input: InvitationInput, adminUserId: number | undefined, ability: AdminAbility, visibility: LinkVisibility) {
      await assertFirstAccessValid(input);
      assertMaySetAutoApprove(ability, input.autoApproveDomains);
      await getService(strapi, 'roles').assertCanCreate(ability, input);
      await assertCodeFree(input.code);
      const token = tokens().generate();
      const tokenHash = tokens().hash(token);
      const { id } = await query()
        .create({
          data: {
            ...toData(input),
            usedCount: 0,
            tokenHash,
            tokenCiphertext: tokens().encrypt(token, tokenHash),
            ...(adminUserId && { createdBy: adminUserId, updatedBy: adminUserId }),
          },
        })
        .catch(codeTakenWhenDuplicate);
      return present(await findRow(id), visibility);
    },

    async update(
      id: number,
      input: InvitationInput,
      adminUserId: number | undefined,
      ability: AdminAbility,
      visibility: LinkVisibility
    ) {
      await assertFirstAccessValid(input);
      return strapi.db.transaction(async ({ trx }) => {
        // Locked, the seats taken cannot grow past the new limit before it is written.
        const seats = await getService(strapi, 'seats').lockForChange(id, trx);
        if (!seats) throw notFoundError();
        const { before, autoApproveDomains } = await linkBeforeEdit(id, seats);
        assertMaySetAutoApprove(ability, input.autoApproveDomains, autoApproveDomains);
        await getService(strapi, 'roles').assertCanEdit(ability, before, input);
        await assertCodeFree(input.code, id);
        if (input.maxUses !== undefined && input.maxUses < seats.usedCount) {
          throw fieldError('maxUses', `maxUses cannot be lower than the ${seats.usedCount} uses already made`);
        }
        await query()
          .update({
            where: { id },
            data: { ...toData(input), ...(adminUserId && { updatedBy: adminUserId }) },
          })
          .catch(codeTakenWhenDuplicate);
        return present(await findRow(id), visibility);
      });
    },

    /**
     * "Renew": a new expiration date, whether the link expired or not, and with `resend` each
     * pending recipient's own link mailed again in their language. Seats, tokens and code stay; the
     * pending recipients may be reminded again before the new date (their reminder is cleared). A
     * link used up cannot be resent (410, nothing changed).
     */
    async renew(
      id: number,
      { expiresAt, resend }: RenewRequest,
      sender: Sender,
      ability: AdminAbility,
      visibility: LinkVisibility
    ): Promise<RenewResult> {
      await strapi.db.transaction(async ({ trx }) => {
        const seats = await getService(strapi, 'seats').lockForChange(id, trx);
        if (!seats) throw notFoundError();
        // A later date gives the link's role to more people, as the same change through an edit would.
        await getService(strapi, 'roles').assertCanEdit(ability, (await linkBeforeEdit(id, seats)).before, { expiresAt });
        if (resend && seats.usedCount >= seats.maxUses) throw unusableInvitationError(seats);
        await query().update({ where: { id }, data: { expiresAt: new Date(expiresAt), updatedBy: sender.id } });
        await getService(strapi, 'recipients').clearReminders(id, trx);
      });
      strapi.log.info(
        `[invitations] Admin ${sender.id} renewed invitation ${id} until ${expiresAt}${resend ? ', resending to pending recipients' : ''}`
      );
      const resent = resend ? await getService(strapi, 'recipients').resendAllPending(id, sender) : { sent: 0, failed: [] };
      return { invitation: present(await findRow(id), visibility), ...resent };
    },

    async delete(id: number) {
      await deleteLinks([id]);
      return { id };
    },

    async bulkDelete(ids: number[]) {
      return { deleted: await deleteLinks(ids) };
    },
  };
};
