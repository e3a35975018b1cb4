'use strict';

/**
 * Bulk invitations written straight into a site's database with knex, shaped as the plugin writes
 * them: a real token's SHA-256 hash and its AES-256-GCM copy made with the site's key (by the
 * plugin's own tokens service, so the list decrypts them as it does for links made in the admin),
 * a document id, a creator, a role link, a welcome text on some, and a mix of active, expired and
 * used-up links created over two years.
 */
const path = require('node:path');
const crypto = require('node:crypto');
const { ROOT } = require('../../scripts/lib');
const { connect } = require('./databases');

// Strapi's names for the plugin's tables: collectionName, snake_case columns, `<table>_<attribute>_lnk`.
const TABLE = 'invitations_invitations';
const ROLE_LINK_TABLE = 'invitations_invitations_role_lnk';
const BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
const NAMES = ['Spring campaign', 'Partners', 'Beta testers', 'Staff onboarding', 'Newsletter readers', 'Conference'];

/** The plugin's tokens service (from dist/), keyed with the site's ENCRYPTION_KEY as the site keys it. */
const tokensFor = (site) => {
  const plugin = require(path.join(ROOT, 'dist/server/index.js')).default;
  const config = { 'admin.secrets.encryptionKey': site.secrets.ENCRYPTION_KEY };
  return plugin.services.tokens({ strapi: { config: { get: (key) => config[key] ?? null } } });
};

const documentId = () =>
  crypto
    .randomBytes(18)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 24);

const invitationRow = (index, { tokens, adminId, now, toDb }) => {
  const token = tokens.generate();
  const tokenHash = tokens.hash(token);
  const createdAt = new Date(now - Math.floor(Math.random() * 730 * DAY_MS));
  const maxUses = 1 + Math.floor(Math.random() * 200);
  // In ten links: five active, three expired, two used up.
  const expired = index % 10 >= 5 && index % 10 < 8;
  const usedUp = index % 10 >= 8;
  const expiresAt = new Date(expired ? now - (1 + Math.random() * 100) * DAY_MS : now + (1 + Math.random() * 365) * DAY_MS);
  const usedCount = usedUp ? maxUses : Math.floor(Math.random() * maxUses);
  return {
    document_id: documentId(),
    name: `${NAMES[index % NAMES.length]} ${index + 1}`,
    max_uses: maxUses,
    used_count: usedCount,
    expires_at: toDb(expiresAt),
    token_hash: tokenHash,
    token_ciphertext: tokens.encrypt(token, tokenHash),
    // One link in three greets its guests.
    welcome_message: index % 3 === 0 ? `Welcome to ${NAMES[index % NAMES.length].toLowerCase()}: your account is ready.` : null,
    created_at: toDb(createdAt),
    updated_at: toDb(createdAt),
    published_at: toDb(createdAt),
    created_by_id: adminId,
    updated_by_id: adminId,
    locale: null,
  };
};

/** Adds `count` invitations, each giving `roleId`, created by admin `adminId`; resolves with the ms it took. */
const seedInvitations = async (site, count, { adminId, roleId }) => {
  const started = Date.now();
  const knex = connect(site.database);
  // SQLite columns hold Strapi's datetimes as epoch milliseconds, PostgreSQL's as timestamps.
  const toDb = site.database.client === 'sqlite' ? (date) => date.getTime() : (date) => date;
  const context = { tokens: tokensFor(site), adminId, now: Date.now(), toDb };
  try {
    await knex.transaction(async (trx) => {
      // The cluster runs with synchronous_commit off; VACUUM marks pages all-visible (which lets
      // PostgreSQL count from an index alone) only once the inserting commit is flushed.
      if (site.database.client === 'postgres') await trx.raw('set local synchronous_commit = on');
      for (let start = 0; start < count; start += BATCH) {
        const rows = [];
        for (let index = start; index < Math.min(count, start + BATCH); index += 1) rows.push(invitationRow(index, context));
        await trx(TABLE).insert(rows);
      }
      await trx.raw(
        `insert into ${ROLE_LINK_TABLE} (invitation_id, role_id)
         select i.id, ? from ${TABLE} i
         where not exists (select 1 from ${ROLE_LINK_TABLE} l where l.invitation_id = i.id)`,
        [roleId]
      );
    });
    // A table that grew to this size over months has been vacuumed and analysed by autovacuum
    // (which vacuums after every 1,000 + 20 % inserted rows); SQLite sites never run ANALYZE.
    if (site.database.client === 'postgres') {
      for (const table of [TABLE, ROLE_LINK_TABLE]) await knex.raw(`vacuum analyze ${table}`);
    }
  } finally {
    await knex.destroy();
  }
  return Date.now() - started;
};

const REDEMPTION_TABLE = 'invitations_redemptions';
const REDEMPTION_LINK = { table: 'invitations_redemptions_invitation_lnk', owner: 'redemption_id', target: 'invitation_id' };
const USER_LINK = { table: 'invitations_redemptions_user_lnk', owner: 'redemption_id', target: 'user_id' };
const USER_TABLE = 'up_users';

/**
 * Inserts `rows` into `table` and resolves with their ids, in order: PostgreSQL returns them, SQLite
 * has them read back by document id.
 */
const insertReturningIds = async (trx, table, rows) => {
  if (trx.client.config.client === 'pg') return (await trx(table).insert(rows).returning('id')).map((row) => row.id);
  await trx(table).insert(rows);
  const found = await trx(table)
    .whereIn(
      'document_id',
      rows.map((row) => row.document_id)
    )
    .select('id', 'document_id');
  const idOf = new Map(found.map((row) => [row.document_id, row.id]));
  return rows.map((row) => idOf.get(row.document_id));
};

/**
 * Runs `fill(trx, toDb)` in one transaction on the site's database (`toDb` writes a date as the
 * site stores it: epoch milliseconds on SQLite), then has PostgreSQL vacuum and analyse `tables`,
 * as autovacuum would have done to tables grown over months. Resolves with the ms it took.
 */
const seedInTransaction = async (site, tables, fill) => {
  const started = Date.now();
  const knex = connect(site.database);
  const postgres = site.database.client === 'postgres';
  const toDb = postgres ? (date) => date : (date) => date.getTime();
  try {
    await knex.transaction(async (trx) => {
      // VACUUM below marks the pages all-visible only once the inserting commit is flushed.
      if (postgres) await trx.raw('set local synchronous_commit = on');
      await fill(trx, toDb);
    });
    if (postgres) for (const table of tables) await knex.raw(`vacuum analyze ${table}`);
  } finally {
    await knex.destroy();
  }
  return Date.now() - started;
};

/**
 * Adds `count` accounts made from invitation `invitationId`, as the plugin records them: a user,
 * a redemption a minute after the previous one, and the two join-table rows. Resolves with the ms
 * it took.
 */
const seedRedemptions = (site, invitationId, count) => {
  const first = Date.now() - count * 60_000;
  const tables = [USER_TABLE, REDEMPTION_TABLE, REDEMPTION_LINK.table, USER_LINK.table];
  return seedInTransaction(site, tables, async (trx, toDb) => {
    if (site.database.client === 'postgres') {
      // PostgreSQL plans a foreign-key check once per session, here while the tables are still
      // near empty (a sequential scan), and keeps that plan as they grow within this transaction:
      // every batch would scan all rows before it. The rows are consistent by construction, so
      // the checks are left out while seeding, as bulk loads do.
      await trx.raw("set local session_replication_role = 'replica'");
    }
    for (let start = 0; start < count; start += BATCH) {
      const indexes = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => start + i);
      const at = (index) => toDb(new Date(first + index * 60_000));
      const stamp = (index) => ({ created_at: at(index), updated_at: at(index), published_at: at(index) });
      const name = (index) => `member-${invitationId}-${index}`;
      const userIds = await insertReturningIds(
        trx,
        USER_TABLE,
        indexes.map((index) => ({
          document_id: documentId(),
          username: name(index),
          email: `${name(index)}@example.com`,
          provider: 'local',
          confirmed: true,
          blocked: false,
          ...stamp(index),
        }))
      );
      const ids = await insertReturningIds(
        trx,
        REDEMPTION_TABLE,
        indexes.map((index) => ({ document_id: documentId(), redeemed_at: at(index), ...stamp(index) }))
      );
      await trx(REDEMPTION_LINK.table).insert(
        ids.map((id) => ({ [REDEMPTION_LINK.owner]: id, [REDEMPTION_LINK.target]: invitationId }))
      );
      await trx(USER_LINK.table).insert(ids.map((id, i) => ({ [USER_LINK.owner]: id, [USER_LINK.target]: userIds[i] })));
    }
  });
};

const ACCESS_REQUEST_TABLE = 'invitations_access_requests';

/**
 * Adds `count` pending access requests as the plugin stores them (`asker-<n>@<domain>`, the hashed
 * pending key, a request a minute, newest last); resolves with the ms it took.
 */
const seedAccessRequests = (site, count, { domain = 'example.com' } = {}) => {
  const first = Date.now() - count * 60_000;
  return seedInTransaction(site, [ACCESS_REQUEST_TABLE], async (trx, toDb) => {
    for (let start = 0; start < count; start += BATCH) {
      const rows = [];
      for (let index = start; index < Math.min(count, start + BATCH); index += 1) {
        const email = `asker-${index}@${domain}`;
        const at = toDb(new Date(first + index * 60_000));
        rows.push({
          document_id: documentId(),
          email,
          normalized_email: email,
          pending_key: crypto.createHash('sha256').update(email, 'utf8').digest('hex'),
          name: `Asker ${index}`,
          message: index % 3 === 0 ? 'I would like to join the community.' : null,
          status: 'pending',
          last_requested_at: at,
          request_count: 1,
          auto_approved: false,
          created_at: at,
          updated_at: at,
          published_at: at,
          locale: null,
        });
      }
      await trx(ACCESS_REQUEST_TABLE).insert(rows);
    }
  });
};

module.exports = { seedInvitations, seedRedemptions, seedAccessRequests, TABLE, ACCESS_REQUEST_TABLE };
