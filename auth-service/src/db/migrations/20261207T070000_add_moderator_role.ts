import { type Kysely, sql } from 'kysely'

/** The `moderator` role (social-service's moderation queue), which admins grant. */
export async function up(db: Kysely<unknown>) {
  await sql`alter table users drop constraint users_role_check`.execute(db)
  await sql`alter table users add constraint users_role_check check (role in ('user', 'moderator', 'admin'))`.execute(
    db,
  )
}
