import { accountEventHandlers, saveDisplayName, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseUser } from '../modules/members/user-erasure.ts'
import { ensureInbox } from '../modules/projects/inbox.ts'

/** auth.user.* → profiles (with display names), refused tokens, each new user's Inbox, and a deleted user erased. */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  registered: async (work, userId) => {
    await ensureInbox(work.trx, userId)
  },
  profile: async (work, event) => {
    await saveDisplayName(work.trx, event)
  },
  erase: (work, userId) => eraseUser(work.trx, userId),
})
