import { LocalDate } from '@focushub/shared/http'
import Type from 'typebox'

const GoalMinutes = Type.Integer({ minimum: 1, maximum: 1440 })

export const Goal = Type.Object({
  minutes: GoalMinutes,
  today: Type.Object({
    localDate: LocalDate,
    focusedMinutes: Type.Integer({ minimum: 0 }),
    achieved: Type.Boolean({
      description: 'Today holds its award (withdrawn if edits or deletes take today below the goal it was given at)',
    }),
  }),
})

export const GoalBody = Type.Object({ minutes: GoalMinutes }, { additionalProperties: false })
