import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { unblocked } from './post-access.ts'

/** Whether the author has a profile and no block stands between them and `viewerId` (oneself: always). */
export async function visibleAuthor(db: Kysely<Database>, viewerId: string, authorId: string) {
  const result = await sql<{ user_id: string }>`
    select s.user_id from social_profiles s
    where s.user_id = ${authorId} and (s.user_id = ${viewerId} or ${unblocked(viewerId, sql`s.user_id`)})`.execute(db)
  return result.rows.length > 0
}
