import { accountEventHandlers, saveDisplayName, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseRoomData } from '../modules/rooms/user-erasure.ts'
import { eraseUserData } from '../modules/sessions/user-erasure.repository.ts'

/**
 * auth.user.* → the users' day boundaries and display names, refused tokens, and a deleted user's
 * sessions and totals erased (and they leave their room).
 */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  profile: async (work, event) => {
    await saveDisplayName(work.trx, event)
  },
  erase: async (work, userId) => {
    await eraseRoomData(work, userId, new Date())
    await eraseUserData(work.trx, userId)
  },
})
