import { type Kysely, sql } from 'kysely'

/** Members are shown by name: task-service keeps each user's display name with their profile (null until an event brings it). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table user_profiles add column display_name text`.execute(db)
}
