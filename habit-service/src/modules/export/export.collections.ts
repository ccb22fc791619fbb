import { type ExportCollection, rowsOfUser, wholeCollection } from '@focushub/shared/exports'
import { LocalDate, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import type { HabitContext } from '../../context.ts'
import { toCheckIn } from '../check-ins/check-ins.service.ts'
import { toHabit } from '../habits/habits.view.ts'
import { pointsOf, unlockedAchievements } from '../rewards/rewards.repository.ts'

/**
 * A user's part of their export: habits (archived ones too), every check-in, and the achievements
 * unlocked with the points earned, each as the public API shows it. Check-ins are read by day along
 * check_ins (user_id, local_date).
 */
export const exportCollections = ({ db }: HabitContext): ExportCollection[] => [
  rowsOfUser(db, { name: 'habits', table: 'habits', user: 'user_id', toItem: toHabit }),
  {
    name: 'check-ins',
    key: Type.Tuple([LocalDate, Uuid]),
    read: async (userId, after: [string, string] | undefined, limit) =>
      (
        await db
          .selectFrom('check_ins')
          .selectAll()
          .where('user_id', '=', userId)
          .$if(after !== undefined, (query) =>
            query.where(({ eb, refTuple, tuple }) =>
              eb(refTuple('local_date', 'habit_id'), '>', tuple(...(after as [string, string]))),
            ),
          )
          .orderBy('local_date')
          .orderBy('habit_id')
          .limit(limit)
          .execute()
      ).map(toCheckIn),
    keyOf: (checkIn) => [checkIn.date as string, checkIn.habitId as string],
  },
  wholeCollection('achievements', async (userId) =>
    (await unlockedAchievements(db, userId)).map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      points: row.points,
      unlockedAt: row.unlocked_at.toISOString(),
    })),
  ),
  wholeCollection('rewards', async (userId) => [{ points: await pointsOf(db, userId) }]),
]
