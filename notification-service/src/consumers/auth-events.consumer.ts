import { accountEventHandlers, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { armDailyJobs, cancelDailyJobs } from '../modules/agenda/agenda.service.ts'
import { eraseRecipient, saveRecipient } from '../modules/delivery/delivery.repository.ts'
import { expireExportsOf } from '../modules/exports/exports.repository.ts'
import { eraseUserNotifications } from '../modules/notifications/notifications.repository.ts'
import { erasePreferences } from '../modules/preferences/preferences.repository.ts'
import { eraseReminders } from '../modules/reminders/reminders.service.ts'
import { eraseWebhooks } from '../modules/webhooks/webhooks.repository.ts'
import { eraseWeeklyReviews } from '../modules/weekly-review/weekly-review.repository.ts'

/**
 * auth.user.* → profiles and e-mail recipients (address from auth.user.registered), refused tokens (and
 * accounts told nothing), each user's daily jobs armed at their local times, and a deleted user's
 * notifications, settings, address, reminders, daily and weekly jobs, weekly reviews and webhooks erased,
 * and their exports expired (the pruning job deletes them and their files).
 */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  erase: async (work, userId) => {
    await eraseUserNotifications(work.trx, userId)
    await erasePreferences(work.trx, userId)
    await eraseRecipient(work.trx, userId)
    await eraseReminders(work.trx, userId)
    await cancelDailyJobs(work.trx, userId)
    await eraseWeeklyReviews(work.trx, userId)
    await eraseWebhooks(work.trx, userId)
    await expireExportsOf(work.trx, userId)
  },
  profile: async (work, event) => {
    await saveRecipient(work.trx, event)
    // A new user's streak nudge and weekly review (on by default), and every such job moved to a changed time zone.
    await armDailyJobs(work.trx, event.userId)
  },
})
