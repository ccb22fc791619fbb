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

export const UserHabitsWeek = Type.Object({
  from: LocalDate,
  to: LocalDate,
  habitsDue: Type.Integer({
    minimum: 0,
    description:
      'Done days the active habits asked for in periods ending in the span: each scheduled day of a daily or weekday habit, a weekly quota, a month or every-n-days stretch ending in it',
  }),
  habitsKept: Type.Integer({ minimum: 0, description: 'Of those, the done check-ins (up to each period’s quota)' }),
})
