import { type Kysely, sql } from 'kysely'

/** Personal access tokens (modules/tokens): only their digest is stored. */
export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('personal_access_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  // A user's live tokens, newest first: the list, and the count a new one is checked against.
  await sql`create index personal_access_tokens_user_live on personal_access_tokens (user_id, id desc) where revoked_at is null`.execute(
    db,
  )
}
