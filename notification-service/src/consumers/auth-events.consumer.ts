import { accountEventHandlers, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseRecipient, saveRecipient } from '../modules/delivery/delivery.repository.ts'
import { eraseUserNotifications } from '../modules/notifications/notifications.repository.ts'
import { erasePreferences } from '../modules/preferences/preferences.repository.ts'
import { eraseReminders } from '../modules/reminders/reminders.service.ts'

/**
 * auth.user.* → profiles and e-mail recipients (address from auth.user.registered), refused tokens (and
 * accounts told nothing), and a deleted user's notifications, settings, address and reminders erased.
 */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  erase: async (work, userId) => {
    await eraseUserNotifications(work.trx, userId)
    await erasePreferences(work.trx, userId)
    await eraseRecipient(work.trx, userId)
    await eraseReminders(work.trx, userId)
  },
  profile: (work, event) => saveRecipient(work.trx, event),
})
