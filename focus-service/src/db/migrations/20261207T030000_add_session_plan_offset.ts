import { type Kysely, sql } from 'kysely'

/**
 * A room session begins where the room's work phase is: one joined 10 minutes into a 25-minute phase
 * begins 10 minutes into its plan, ends with the phase, and is credited from joining. A constant
 * default: no table rewrite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table focus_sessions add column plan_offset_ms integer not null default 0`.execute(db)
}
