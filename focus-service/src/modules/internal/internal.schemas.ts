import { LocalDate, Uuid } from '@focushub/shared/http'
import Type from 'typebox'

export const UserFocusDayParams = Type.Object({ userId: Uuid }, { additionalProperties: false })
export const UserFocusDayQuery = Type.Object(
  {
    /** A local date; the user's local today when left out. */
    date: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
)

const Count = Type.Integer({ minimum: 0 })

export const UserFocusDay = Type.Object({
  localDate: LocalDate,
  focusedMinutes: Count,
  sessions: Count,
  pomodoros: Count,
  goalMinutes: Type.Integer({ minimum: 1, description: 'The daily goal as it stands now' }),
  goalReached: Type.Boolean({ description: 'Whether the day earned its goal award' }),
})

export const UserFocusWeek = Type.Object({
  from: LocalDate,
  to: LocalDate,
  focusedMinutes: Type.Integer({
    minimum: 0,
    description: 'Whole minutes of the span’s finished sessions, by local day',
  }),
  sessions: Count,
  pomodoros: Count,
})
