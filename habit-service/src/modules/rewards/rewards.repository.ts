import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

export async function pointsOf(db: Kysely<Database>, userId: string) {
  const row = await db.selectFrom('user_rewards').select('points').where('user_id', '=', userId).executeTakeFirst()
  return row?.points ?? 0
}

export async function unlockedAchievements(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('achievement_unlocks as u')
    .innerJoin('achievements as a', 'a.id', 'u.achievement_id')
    .select(['a.id', 'a.name', 'a.description', 'a.points', 'u.unlocked_at'])
    .where('u.user_id', '=', userId)
    .orderBy('u.unlocked_at')
    .orderBy('a.sort_order')
    .execute()
}

/** Takes points back from a user's total (a reward withdrawn), never below zero. */
export async function takeBackPoints(db: Kysely<Database>, userId: string, points: number) {
  await db
    .updateTable('user_rewards')
    .set({ points: sql<number>`greatest(points - ${points}, 0)` })
    .where('user_id', '=', userId)
    .execute()
}
