import { cursorInt32, DateTime, keysetCursor, pageQuery } from '@focushub/shared/http'
import Type from 'typebox'

export const Achievement = Type.Object({
  id: Type.String({ description: 'Stable code, e.g. focus-sessions-10' }),
  name: Type.String(),
  description: Type.String(),
  points: Type.Integer(),
  metric: Type.String({ description: 'What is counted: focus_minutes, goal_streak, tasks_completed …' }),
  target: Type.Integer(),
  progress: Type.Integer({ description: 'My count so far toward the target, capped at it' }),
  unlocked: Type.Boolean(),
  unlockedAt: Type.Union([DateTime, Type.Null()]),
})

/** Where a page of achievements ended: the last one's sort order. */
export const AchievementCursor = keysetCursor(cursorInt32)

export const AchievementListQuery = Type.Object(pageQuery(AchievementCursor.schema), { additionalProperties: false })
