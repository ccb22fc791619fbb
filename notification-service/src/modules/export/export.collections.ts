import { type ExportCollection, rowsOfUser, wholeCollection } from '@focushub/shared/exports'
import type { NotificationContext } from '../../context.ts'
import type { WebhookRow } from '../../db/tables/webhooks.ts'
import { toNotification } from '../notifications/notifications.view.ts'
import { findPreferences } from '../preferences/preferences.repository.ts'
import { toWebhook } from '../webhooks/webhooks.service.ts'

/**
 * A user's part of their export, read in-process by the export job: their notifications, read or not,
 * their notification settings, and their webhooks without any part of a secret; each as the public API
 * shows it. Pages are ranges of notifications_user_newest (user_id, id) and webhooks_by_user (user_id, id
 * desc), walked forward. Task reminders are task-service's (this service keeps a copy to schedule them).
 */
export const exportCollections = ({ db }: NotificationContext): ExportCollection[] => [
  rowsOfUser(db, { name: 'notifications', table: 'notifications', user: 'user_id', toItem: toNotification }),
  wholeCollection('preferences', async (userId) => [await findPreferences(db, userId)]),
  rowsOfUser(db, {
    name: 'webhooks',
    table: 'webhooks',
    user: 'user_id',
    toItem: (row: WebhookRow) => {
      const { secretHint: _, ...webhook } = toWebhook(row)
      return webhook
    },
  }),
]
