import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** Those of some users who turned milestone posts on. */
export async function milestonePosters(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('social_profiles')
    .select('user_id')
    .where('user_id', 'in', userIds)
    .where('milestone_posts', '=', true)
    // A user suspended from social features posts nothing, automatic posts included.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('social_suspensions')
            .select('user_id')
            .whereRef('social_suspensions.user_id', '=', 'social_profiles.user_id')
            .where('until', '>', sql<Date>`now()`),
        ),
      ),
    )
    .execute()
  return new Set(rows.map((row) => row.user_id))
}

/** Claims the user's milestone for a post; false when it was posted before (or is being, by another run). */
export async function claimMilestone(
  db: Kysely<Database>,
  row: { user_id: string; milestone: string; post_id: string },
) {
  const claimed = await db
    .insertInto('milestone_posts')
    .values(row)
    .onConflict((c) => c.columns(['user_id', 'milestone']).doNothing())
    .returning('post_id')
    .executeTakeFirst()
  return claimed !== undefined
}

/** auth.user.deleted: the milestones the user posted (the posts go with the feed). */
export async function eraseMilestones(db: Kysely<Database>, userId: string) {
  await db.deleteFrom('milestone_posts').where('user_id', '=', userId).execute()
}
