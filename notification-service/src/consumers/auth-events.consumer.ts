import { accountEventHandlers, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseUserNotifications } from '../modules/notifications/notifications.repository.ts'
import { erasePreferences } from '../modules/preferences/preferences.repository.ts'

/** auth.user.* → profiles, refused tokens (and accounts told nothing), and a deleted user's notifications and settings erased. */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  erase: async (work, userId) => {
    await eraseUserNotifications(work.trx, userId)
    await erasePreferences(work.trx, userId)
  },
})
