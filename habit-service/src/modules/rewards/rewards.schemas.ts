import { DateTime } from '@focushub/shared/http'
import Type from 'typebox'

export const Rewards = Type.Object({
  points: Type.Integer({ minimum: 0 }),
  level: Type.Integer({ minimum: 1 }),
  /** Points at which the current level began and the next one begins. */
  levelStartsAt: Type.Integer(),
  nextLevelAt: Type.Integer(),
  unlocked: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      description: Type.String(),
      points: Type.Integer(),
      unlockedAt: DateTime,
    }),
  ),
})
