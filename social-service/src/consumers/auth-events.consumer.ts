import { accountEventHandlers, saveDisplayName, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { ensureProfile, eraseConnections } from '../modules/connections/profiles.repository.ts'
import { eraseFeed } from '../modules/feed/feed-erasure.ts'
import { eraseMessages } from '../modules/messages/messages-erasure.ts'
import { eraseMilestones } from '../modules/milestones/milestones.repository.ts'
import { eraseModeration } from '../modules/moderation/moderation-erasure.ts'

/**
 * auth.user.* → profiles (with the display names people are found and shown by) and a social profile
 * for each user, refused tokens, and a deleted user's profile, follows, requests, friendships and blocks
 * erased, both ways (and the milestones they posted, and what moderation kept of them: moderation-erasure.ts).
 */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  profile: async (work, event) => {
    await saveDisplayName(work.trx, event)
    await ensureProfile(work.trx, event.userId)
  },
  erase: (work, userId) =>
    eraseFeed(work.trx, userId)
      .then(() => eraseMilestones(work.trx, userId))
      .then(() => eraseMessages(work.trx, userId))
      .then(() => eraseModeration(work.trx, userId))
      .then(() => eraseConnections(work.trx, userId)),
})
