import { type Kysely, sql } from 'kysely'

/** Positions become doubles, so a habit can go between two others (see placeInOrder). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table habits alter column position type double precision`.execute(db)
}
