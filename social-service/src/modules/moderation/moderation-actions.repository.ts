import { type Kysely, sql } from 'kysely'
import type { TargetType } from '../../db/tables/moderation.ts'
import type { Database } from '../../db/tables.ts'

const contentTables = { post: 'posts', comment: 'post_comments', message: 'messages' } as const

/** Hides the content with its reason, if it is still there and not hidden; answers its author when it did. */
export async function hideContent(
  db: Kysely<Database>,
  target: { type: Exclude<TargetType, 'user'>; id: string },
  reason: string,
  at: Date,
) {
  const row = await db
    .updateTable(contentTables[target.type])
    .set({ hidden_at: at, hidden_reason: reason })
    .where('id', '=', target.id)
    .where('hidden_at', 'is', null)
    .returning('author_id')
    .executeTakeFirst()
  return row?.author_id ?? undefined
}

/**
 * Suspends the user from social features for `days` from `now`, or keeps a suspension in force that ends
 * later (a shorter one never cuts a longer one short); the reason is the latest. Answers the end.
 */
export async function suspend(db: Kysely<Database>, userId: string, now: Date, days: number, reason: string) {
  const until = new Date(now.getTime() + days * 24 * 60 * 60_000)
  const result = await sql<{ until: Date }>`
    insert into social_suspensions as s (user_id, since, until, reason)
    values (${userId}, ${now}, ${until}, ${reason})
    on conflict (user_id) do update set
      since = case when s.until > excluded.since then s.since else excluded.since end,
      until = case when s.until > excluded.until then s.until else excluded.until end,
      reason = excluded.reason
    returning s.until`.execute(db)
  return result.rows[0].until
}

/** Ends the user's suspension; answers whether one was in force. */
export async function liftSuspension(db: Kysely<Database>, userId: string, now: Date) {
  const rows = await db.deleteFrom('social_suspensions').where('user_id', '=', userId).returning('until').execute()
  return rows.some((row) => row.until > now)
}
