import { type Kysely, sql } from 'kysely'

/**
 * Blocks. The key answers "did I block them", the reverse index "did they block me" (every read and write
 * between two people asks both); my list of blocks walks its own range newest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table blocks (
      blocker_id uuid not null,
      blocked_id uuid not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (blocker_id, blocked_id),
      check (blocker_id <> blocked_id)
    )`.execute(db)
  await sql`create index blocks_blocked on blocks (blocked_id, blocker_id)`.execute(db)
  await sql`create index blocks_list on blocks (blocker_id, created_at, blocked_id)`.execute(db)
}
