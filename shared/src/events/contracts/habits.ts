import Type from 'typebox'
import { LocalDate } from '../../http/schemas.ts'

const Id = Type.String({ format: 'uuid' })

/** Payloads of the events habit-service publishes on focushub.habit.events. userId is the habit's owner. */
export const habitEvents = {
  'habit.checked_in': {
    1: Type.Object({
      habitId: Id,
      localDate: LocalDate,
      status: Type.Union([Type.Literal('done'), Type.Literal('skipped'), Type.Literal('partial')]),
      value: Type.Union([Type.Number(), Type.Null()]),
      source: Type.Union([Type.Literal('user'), Type.Literal('focus')]),
      currentStreak: Type.Integer({ minimum: 0 }),
    }),
  },
  'habit.streak_broken': {
    1: Type.Object({
      habitId: Id,
      localDate: LocalDate,
      previousStreak: Type.Integer({ minimum: 1 }),
    }),
  },
  'habit.achievement.unlocked': {
    1: Type.Object({
      achievementId: Type.String({ description: 'Stable code, e.g. focus-sessions-10' }),
      name: Type.String(),
      points: Type.Integer({ minimum: 0 }),
      totalPoints: Type.Integer({ minimum: 0 }),
      level: Type.Integer({ minimum: 1 }),
      unlockedAt: Type.String({ format: 'date-time' }),
    }),
  },
} as const
