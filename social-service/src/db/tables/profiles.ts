import type { Generated } from 'kysely'

export type WhoMayFollow = 'everyone' | 'nobody'
export type WhoMayMessage = 'everyone' | 'friends' | 'nobody'

/** A user's social profile: one per known user (made with their auth profile, or by their own first call). */
export interface SocialProfilesTable {
  user_id: string
  /** Optional, unique whatever its case; kept as the user typed it. */
  handle: string | null
  who_may_follow: Generated<WhoMayFollow>
  /** Stored now; direct messages read it. */
  who_may_message: Generated<WhoMayMessage>
  /** Post my milestones (a streak, an achievement) to my friends by themselves; off by default. */
  milestone_posts: Generated<boolean>
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** A milestone posted for a user (`achievement:<id>`, `streak:<habit>:<days>:<date>`): each at most once. */
export interface MilestonePostsTable {
  user_id: string
  milestone: string
  post_id: string
  created_at: Generated<Date>
}
