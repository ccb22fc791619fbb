import type { ConsumedEvent } from '@focushub/shared/events'

/** The streak lengths worth a post. */
export const streakMilestones = new Set([7, 30, 100, 365])

/** A milestone to post: its key (once per user), the post's text, and the request that caused it. */
export interface Milestone {
  userId: string
  key: string
  body: string
  requestId: string
}

export type MilestoneEvent = ConsumedEvent<'habit.achievement.unlocked'> | ConsumedEvent<'habit.checked_in'>

/**
 * The milestone an event reaches, if any: an achievement, or a check-in that brings a streak to exactly
 * 7, 30, 100 or 365 days (a skipped day neither extends nor breaks one, so it reaches nothing). A streak
 * post never names the habit: the event does not carry it, and the habit may be private. The streak's key
 * is its habit, length and day, so checking in that day again posts nothing more.
 */
export function milestoneOf(event: MilestoneEvent): Milestone[] {
  const about = { userId: event.userId, requestId: event.requestId }
  if (event.type === 'habit.achievement.unlocked') {
    const { achievementId, name } = event.data
    return [{ ...about, key: `achievement:${achievementId}`, body: `Unlocked the achievement ${name}`.slice(0, 2000) }]
  }
  const { habitId, localDate, status, currentStreak } = event.data
  if (status === 'skipped' || !streakMilestones.has(currentStreak)) return []
  return [
    { ...about, key: `streak:${habitId}:${currentStreak}:${localDate}`, body: `Reached a ${currentStreak}-day streak` },
  ]
}
