import { LocalDate, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { CheckInStatus, StreakUnit } from '../../schemas/habits.ts'

export const UserHabitsDayParams = Type.Object({ userId: Uuid }, { additionalProperties: false })
export const UserHabitsDayQuery = Type.Object(
  {
    /** A local date; the user's local today when left out. */
    date: Type.Optional(LocalDate),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'Habits listed' }),
  },
  { additionalProperties: false },
)

const DueHabit = Type.Object({
  id: Uuid,
  name: Type.String(),
  unit: StreakUnit,
  currentStreak: Type.Integer({ minimum: 0 }),
  checkIn: Type.Union([CheckInStatus, Type.Null()], { description: "That day's check-in, if any" }),
})

export const UserHabitsDay = Type.Object({
  localDate: LocalDate,
  count: Type.Integer({ minimum: 0, description: 'Habits due that day, however many are listed' }),
  items: Type.Array(DueHabit, { description: 'The first `limit` in the user’s order' }),
})
