import { accountEventHandlers, saveDisplayName, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseUserData } from '../modules/sessions/user-erasure.repository.ts'

/**
 * auth.user.* → the users' day boundaries and display names, refused tokens, and a deleted user's
 * sessions and totals erased.
 */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  profile: async (work, event) => {
    await saveDisplayName(work.trx, event)
  },
  erase: (work, userId) => eraseUserData(work.trx, userId),
})
