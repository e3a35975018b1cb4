import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { REDEMPTION_UID, ROLE_UID, USER_UID } from '../constants';
import { columnName, containsPattern, countRows, isoDate, joinTableOf, tableName } from '../database/sql';
import { bucketExpression, bucketKey, bucketStarts, type TimeUnit } from '../database/time-buckets';
import type { CsvExport } from '../export/csv-export';
import { deleteInBatches } from '../utils/delete-in-batches';
import type { Page, Redemption, RedemptionKind, RedemptionsQuery, SignUpTimeline } from '../../../shared';

/** How many redemptions an invitation's detail carries: the first page of `GET …/redemptions`. */
export const DETAIL_REDEMPTIONS = 10;

/** Most buckets a timeline has: a link older than that many weeks shows its latest ones. */
export const TIMELINE_MAX_BUCKETS = 400;

const HOUR_MS = 60 * 60 * 1000;

/** One redemption as read from the tables: the user's columns are null once the account is gone. */
export interface RedemptionRow {
  id: number;
  redeemedAt: string | number | Date;
  /** null: recorded before accepts existed, a sign-up. */
  kind: RedemptionKind | null;
  userId: number | null;
  username: string | null;
  email: string | null;
  previousRoleId: number | null;
  previousRoleName: string | null;
}

const present = (row: RedemptionRow): Redemption => ({
  user: row.userId === null ? null : { id: row.userId, username: row.username as string, email: row.email as string },
  redeemedAt: isoDate(row.redeemedAt),
  kind: row.kind ?? 'registered',
  previousRole: row.previousRoleId === null ? null : { id: row.previousRoleId, name: row.previousRoleName as string },
});

const CSV_COLUMNS: CsvExport<RedemptionRow>['columns'] = [
  { header: 'username', value: (row) => row.username },
  { header: 'email', value: (row) => row.email },
  { header: 'redeemedAt', value: (row) => isoDate(row.redeemedAt) },
  { header: 'kind', value: (row) => row.kind ?? 'registered' },
  { header: 'previousRole', value: (row) => row.previousRoleName },
];

/** Hours for a link younger than two days, weeks for one older than a year, days otherwise. */
const timelineUnit = (ageMs: number): TimeUnit => {
  if (ageMs < 48 * HOUR_MS) return 'hour';
  return ageMs > 365 * 24 * HOUR_MS ? 'week' : 'day';
};

/**
 * Who made an account from a link, read with SQL of its own: the rows of one link come from the
 * join table's (link, redemption) index (database/link-indexes.ts) in the order they were
 * recorded, so a page, a count or an export batch costs the same with 10 accounts or 100,000.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const names = () => ({
    table: tableName(strapi, REDEMPTION_UID),
    redeemedAt: columnName(strapi, REDEMPTION_UID, 'redeemedAt'),
    kind: columnName(strapi, REDEMPTION_UID, 'kind'),
    link: joinTableOf(strapi, REDEMPTION_UID, 'invitation'),
    userLink: joinTableOf(strapi, REDEMPTION_UID, 'user'),
    users: tableName(strapi, USER_UID),
    previousRoleLink: joinTableOf(strapi, REDEMPTION_UID, 'previousRole'),
    roles: tableName(strapi, ROLE_UID),
  });

  /** The link's rows in the join table, as `l`. */
  const ofLink = (invitationId: number) => {
    const { link } = names();
    return strapi.db.connection({ l: link.name }).where(`l.${link.targetColumn}`, invitationId);
  };

  /** The link's redemptions with their users and previous roles (`r`, `u`, `pr`), matching `q` if given. */
  const withUsers = (invitationId: number, q?: string) => {
    const { table, link, userLink, users, previousRoleLink, roles } = names();
    const query = ofLink(invitationId)
      .join({ r: table }, 'r.id', `l.${link.ownerColumn}`)
      .leftJoin({ ul: userLink.name }, `ul.${userLink.ownerColumn}`, 'r.id')
      .leftJoin({ u: users }, 'u.id', `ul.${userLink.targetColumn}`)
      .leftJoin({ prl: previousRoleLink.name }, `prl.${previousRoleLink.ownerColumn}`, 'r.id')
      .leftJoin({ pr: roles }, 'pr.id', `prl.${previousRoleLink.targetColumn}`);
    if (!q) return query;
    const pattern = containsPattern(q);
    return query.where((match) =>
      match.whereRaw("LOWER(u.username) LIKE ? ESCAPE '!'", [pattern]).orWhereRaw("LOWER(u.email) LIKE ? ESCAPE '!'", [pattern])
    );
  };

  const selectRows = (query: Knex.QueryBuilder) =>
    query.select({
      id: 'r.id',
      redeemedAt: `r.${names().redeemedAt}`,
      kind: `r.${names().kind}`,
      userId: 'u.id',
      username: 'u.username',
      email: 'u.email',
      previousRoleId: 'pr.id',
      previousRoleName: 'pr.name',
    }) as unknown as Promise<RedemptionRow[]>;

  const ownerColumn = () => `l.${names().link.ownerColumn}`;

  const count = (invitationId: number) => countRows(ofLink(invitationId));

  return {
    /** Newest first (the order they were recorded in). */
    async page(invitationId: number, { page, pageSize, q }: RedemptionsQuery): Promise<Page<Redemption>> {
      const [rows, total] = await Promise.all([
        selectRows(
          withUsers(invitationId, q)
            .orderBy(ownerColumn(), 'desc')
            .limit(pageSize)
            .offset((page - 1) * pageSize)
        ),
        q ? countRows(withUsers(invitationId, q)) : count(invitationId),
      ]);
      return { results: rows.map(present), pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
    },

    count,

    /** The link's redemptions as a CSV download, oldest first; accounts deleted since have empty cells. */
    csvExport(invitationId: number): CsvExport<RedemptionRow> {
      return {
        filename: `invitation-${invitationId}-redemptions.csv`,
        columns: CSV_COLUMNS,
        readBatch: (afterId, limit) =>
          selectRows(withUsers(invitationId).where(ownerColumn(), '>', afterId).orderBy(ownerColumn(), 'asc').limit(limit)),
      };
    },

    /** Accounts that came through any link since `since`: all of them, or those of one kind. */
    countSince(since: Date, kind?: RedemptionKind) {
      const { table, redeemedAt, kind: kindColumn } = names();
      const rows = strapi.db.connection(table).where(redeemedAt, '>', since);
      return countRows(kind ? rows.where(kindColumn, kind) : rows);
    },

    /** Sign-ups of a link per UTC hour, day or week from its creation to now (or its expiry, if earlier). */
    async timeline(
      invitation: { id: number; createdAt: Date; expiresAt: Date; maxUses: number; usedCount: number },
      now: Date
    ): Promise<SignUpTimeline> {
      const unit = timelineUnit(now.getTime() - invitation.createdAt.getTime());
      const end = new Date(Math.max(invitation.createdAt.getTime(), Math.min(invitation.expiresAt.getTime(), now.getTime())));
      const starts = bucketStarts(invitation.createdAt, end, unit, TIMELINE_MAX_BUCKETS);
      const redeemedAt = `r.${names().redeemedAt}`;
      const counted = (await ofLink(invitation.id)
        .join({ r: names().table }, 'r.id', ownerColumn())
        .where(redeemedAt, '>=', starts[0])
        .select(bucketExpression(strapi, redeemedAt, unit, 'bucket'))
        .count({ count: '*' })
        .select(
          strapi.db.connection.raw('SUM(CASE WHEN ?? = ? THEN 1 ELSE 0 END) AS ??', [`r.${names().kind}`, 'accepted', 'accepted'])
        )
        .groupBy('bucket')) as Array<{ bucket: string; count: number | string; accepted: number | string | null }>;
      const counts = new Map(
        counted.map((row) => [row.bucket, { count: Number(row.count), accepted: Number(row.accepted ?? 0) }])
      );
      return {
        unit,
        buckets: starts.map((start) => ({ start: start.toISOString(), count: 0, accepted: 0, ...counts.get(bucketKey(start)) })),
        maxUses: invitation.maxUses,
        usedCount: invitation.usedCount,
      };
    },

    /** Deletes a link's records; called inside the link's delete transaction. */
    deleteFor(invitationId: number) {
      return deleteInBatches(strapi, REDEMPTION_UID, { invitation: { id: invitationId } });
    },
  };
};
