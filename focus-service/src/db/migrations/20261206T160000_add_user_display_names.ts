import { type Kysely, sql } from 'kysely'

/**
 * A shared session's recipients are shown by name: focus-service keeps each user's display name with
 * their profile (null until an event brings it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table user_profiles add column display_name text`.execute(db)
}
