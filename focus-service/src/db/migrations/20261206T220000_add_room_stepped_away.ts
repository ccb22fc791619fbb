import { type Kysely, sql } from 'kysely'

/**
 * Presence has two causes, kept apart: `away` (no live stream of theirs reported for a while: set by the
 * presence sweeper, cleared by a report) and `stepped_away` (the participant said so: their page is
 * hidden). Only `away` leads to a timeout.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table room_participants add column stepped_away boolean not null default false`.execute(db)
}
