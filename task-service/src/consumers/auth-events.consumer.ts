import { accountEventHandlers, saveDisplayName, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseUserWithAttachments } from '../modules/attachments/attachment-removal.ts'
import { ensureInbox } from '../modules/projects/inbox.ts'

/** auth.user.* → profiles (with display names), refused tokens, each new user's Inbox, and a deleted user erased (attachments too). */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  registered: async (work, userId) => {
    await ensureInbox(work.trx, userId)
  },
  profile: async (work, event) => {
    await saveDisplayName(work.trx, event)
  },
  erase: (work, userId) => eraseUserWithAttachments(work.trx, userId),
})
