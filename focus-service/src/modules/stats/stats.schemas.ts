import { Defaulted, LocalDate, Uuid } from '@focushub/shared/http'
import Type from 'typebox'

const Minutes = Type.Integer({ minimum: 0 })

export const StatsQuery = Type.Object(
  {
    range: Defaulted(
      Type.Union([Type.Literal('7d'), Type.Literal('30d'), Type.Literal('90d'), Type.Literal('365d')], {
        default: '7d',
      }),
    ),
  },
  { additionalProperties: false },
)

export const Stats = Type.Object({
  range: Type.String(),
  from: LocalDate,
  to: LocalDate,
  days: Type.Array(
    Type.Object({ localDate: LocalDate, focusedMinutes: Minutes, sessions: Minutes, pomodoros: Minutes }),
  ),
  totals: Type.Object({
    focusedMinutes: Minutes,
    sessions: Minutes,
    pomodoros: Minutes,
    averageMinutesPerDay: Type.Number({ minimum: 0 }),
    bestDay: Type.Union([Type.Object({ localDate: LocalDate, focusedMinutes: Minutes }), Type.Null()]),
  }),
  goal: Type.Object({ minutes: Minutes, currentStreak: Minutes, bestStreak: Minutes }),
  byTask: Type.Array(
    Type.Object({ taskId: Type.Union([Uuid, Type.Null()]), focusedMinutes: Minutes, sessions: Minutes }),
  ),
  byHour: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), focusedMinutes: Minutes })),
  heatmap: Type.Object({
    from: LocalDate,
    to: LocalDate,
    minutes: Type.Array(Minutes, { description: 'Focused minutes of each local day from `from` to `to`' }),
  }),
})
