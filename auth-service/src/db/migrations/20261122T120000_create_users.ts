import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('user', 'admin')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended', 'deactivated')`))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('day_start_hour', 'smallint', (c) => c.notNull().check(sql`day_start_hour between 0 and 23`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .execute()
  // Unique whatever the case, also under concurrent sign-ups; text_pattern_ops serves the admin's prefix search.
  await sql`create unique index users_email_lower_key on users (lower(email) text_pattern_ops)`.execute(db)
  await sql`create index users_display_name_lower on users (lower(display_name) text_pattern_ops)`.execute(db)
  await sql`create index users_active_admins on users (id) where role = 'admin' and status = 'active'`.execute(db)
}
