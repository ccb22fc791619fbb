import { LocalDate, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { CheckInStatus } from '../../schemas/habits.ts'
import { Habit } from '../habits/habits.schemas.ts'

export const CheckInBody = Type.Object(
  {
    /** The local day it counts for; today when left out. */
    date: Type.Optional(LocalDate),
    /** done or skipped (a day off that keeps the streak); a measurable habit may send `value` instead. */
    status: Type.Optional(Type.Union([Type.Literal('done'), Type.Literal('skipped')])),
    value: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CheckIn = Type.Object({
  habitId: Uuid,
  date: LocalDate,
  status: CheckInStatus,
  value: Type.Union([Type.Number(), Type.Null()]),
  source: Type.Union([Type.Literal('user'), Type.Literal('focus')]),
})

export const CheckInResult = Type.Object({ checkIn: CheckIn, habit: Habit })

export const CheckInParams = Type.Object({
  id: Uuid,
  date: LocalDate,
})
