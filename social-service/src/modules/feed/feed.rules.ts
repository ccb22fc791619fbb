export { plainTextPattern } from '../messages/messages.rules.ts'

/** What posts, comments and tags may hold, and how many a user writes a day. */
export const feedLimits = {
  postCharacters: 2000,
  commentCharacters: 1000,
  tagsPerPost: 5,
  tagCharacters: 30,
  /** Posts one writes within any trailing 24 hours (429 past it). */
  postsPerDay: 50,
  /** Comments one writes, on all posts, within any trailing 24 hours (429 past it). */
  commentsPerDay: 500,
}

export const dayMs = 24 * 60 * 60_000

/** A tag as a client may write it; stored lower-cased. */
export const tagPattern = `^[A-Za-z0-9_-]{1,${feedLimits.tagCharacters}}$`

/** The tags as stored: lower-cased, each once, in the order first written. */
export const normalizeTags = (tags: string[]) => [...new Set(tags.map((tag) => tag.toLowerCase()))]

/**
 * A daily quota: given the writer's writes within the last 24 hours, newest first (at most `max` of them),
 * the seconds until the oldest of them leaves the day and a place is free, or 0 when one is free now.
 */
export function quotaWaitSeconds(recent: Date[], max: number, now: Date) {
  if (recent.length < max) return 0
  const oldest = recent[max - 1]
  return Math.max(1, Math.ceil((oldest.getTime() + dayMs - now.getTime()) / 1000))
}
