import { createAccessRefusalsMigration } from '@focushub/shared/auth'
import type { Migrations } from '@focushub/shared/db'
import {
  addOutboxTraceparentMigration,
  createIdempotentWritesMigration,
  createOutboxMigration,
  createProcessedEventsMigration,
  createUserProfilesMigration,
} from '@focushub/shared/events'
import * as createSocialProfiles from './20261207T040000_create_social_profiles.ts'
import * as createFollows from './20261207T040100_create_follows.ts'
import * as createFriends from './20261207T040200_create_friends.ts'
import * as createBlocks from './20261207T040300_create_blocks.ts'
import * as createConversations from './20261207T050000_create_conversations.ts'
import * as createPosts from './20261207T060000_create_posts.ts'
import * as hideContent from './20261207T070000_hide_content.ts'
import * as createModeration from './20261207T070100_create_moderation.ts'
import * as createMilestonePosts from './20261207T080000_create_milestone_posts.ts'

/** Every migration of focushub_social, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {
  '20261207T035700_create_outbox': createOutboxMigration,
  '20261207T035800_create_processed_events': createProcessedEventsMigration,
  '20261207T035900_create_user_profiles': createUserProfilesMigration,
  '20261207T035950_create_access_refusals': createAccessRefusalsMigration,
  '20261207T040000_create_social_profiles': createSocialProfiles,
  '20261207T040100_create_follows': createFollows,
  '20261207T040200_create_friends': createFriends,
  '20261207T040300_create_blocks': createBlocks,
  '20261207T050000_create_conversations': createConversations,
  '20261207T060000_create_posts': createPosts,
  '20261207T070000_hide_content': hideContent,
  '20261207T070100_create_moderation': createModeration,
  '20261207T080000_create_milestone_posts': createMilestonePosts,
  '20261207T120000_create_idempotent_writes': createIdempotentWritesMigration,
  '20261207T140000_add_outbox_traceparent': addOutboxTraceparentMigration,
}
