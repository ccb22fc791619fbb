import type { AccessRefusalsDatabase } from '@focushub/shared/auth'
import type { NamedUserProfilesTable, OutboxDatabase, ProcessedEventsDatabase } from '@focushub/shared/events'
import type { BlocksTable, FollowsTable, FriendRequestsTable, FriendshipsTable } from './tables/connections.ts'
import type { FeedDatabase } from './tables/feed.ts'
import type { MessagesDatabase } from './tables/messages.ts'
import type { ModerationDatabase } from './tables/moderation.ts'
import type { MilestonePostsTable, SocialProfilesTable } from './tables/profiles.ts'

/** The tables of focushub_social, one interface each, assembled into the kysely Database type. */
export interface Database
  extends AccessRefusalsDatabase,
    OutboxDatabase,
    ProcessedEventsDatabase,
    MessagesDatabase,
    FeedDatabase,
    ModerationDatabase {
  /** The shared profile, with the display name people are found and shown by. */
  user_profiles: NamedUserProfilesTable
  social_profiles: SocialProfilesTable
  follows: FollowsTable
  friend_requests: FriendRequestsTable
  friendships: FriendshipsTable
  blocks: BlocksTable
  milestone_posts: MilestonePostsTable
}
