import { LocalDate } from '@focushub/shared/http'
import Type from 'typebox'
import { CheckInStatus, StreakUnit } from '../../schemas/habits.ts'

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])

export const HabitStats = Type.Object({
  today: LocalDate,
  unit: StreakUnit,
  currentStreak: Type.Integer(),
  bestStreak: Type.Integer(),
  freezes: Type.Integer(),
  completionRate: Type.Object({ last7Days: Rate, last30Days: Rate, last365Days: Rate }),
  strength: Type.Number({ minimum: 0, maximum: 1, description: "Loop Habit Tracker's habit strength score" }),
  heatmap: Type.Object({
    from: LocalDate,
    to: LocalDate,
    days: Type.Array(
      Type.Object({
        date: LocalDate,
        status: CheckInStatus,
        value: Type.Union([Type.Number(), Type.Null()]),
        level: Type.Integer({ minimum: 0, maximum: 4, description: 'Shade 0–4: the share of the target reached' }),
      }),
    ),
  }),
})
