import { type Kysely, sql } from 'kysely'

/**
 * Personal access tokens and calendar-feed tokens (modules/tokens): only their digest is stored. A calendar
 * feed's token does not expire (it is revoked or replaced), and a user has at most one live.
 */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('personal_access_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('personal', 'calendar')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.check(sql`kind = 'calendar' or expires_at is not null`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  // A user's live tokens, newest first: the list, and the count a new one is checked against.
  await sql`create index personal_access_tokens_user_live on personal_access_tokens (user_id, kind, id desc) where revoked_at is null`.execute(
    db,
  )
  await sql`create unique index personal_access_tokens_one_calendar on personal_access_tokens (user_id) where kind = 'calendar' and revoked_at is null`.execute(
    db,
  )
}
