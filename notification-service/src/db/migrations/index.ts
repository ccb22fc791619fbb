import { createAccessRefusalsMigration } from '@focushub/shared/auth'
import type { Migrations } from '@focushub/shared/db'
import {
  addOutboxTraceparentMigration,
  createIdempotentWritesMigration,
  createOutboxMigration,
  createProcessedEventsMigration,
  createUserProfilesMigration,
} from '@focushub/shared/events'
import * as createNotifications from './20261206T160000_create_notifications.ts'
import * as createPreferences from './20261206T160100_create_notification_preferences.ts'
import * as createEmailDeliveries from './20261206T170000_create_email_deliveries.ts'
import * as createTaskReminders from './20261206T171000_create_task_reminders.ts'
import * as createDailyDigests from './20261206T180000_create_daily_digests.ts'
import * as indexDueReminders from './20261206T190000_index_due_reminders.ts'
import * as createWeeklyReviews from './20261206T193000_create_weekly_reviews.ts'
import * as countUnreadNotifications from './20261206T200000_count_unread_notifications.ts'
import * as indexAssignedDue from './20261206T201000_index_assigned_due.ts'
import * as notifySocialEvents from './20261207T030000_notify_social_events.ts'
import * as createConversationReads from './20261207T080000_create_conversation_reads.ts'
import * as createWebhooks from './20261208T000000_create_webhooks.ts'
import * as createAccountExports from './20261209T010000_create_account_exports.ts'
import * as addWebhookSecretHints from './20261209T020000_add_webhook_secret_hints.ts'

/** Every migration of focushub_notifications, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {
  '20261206T155700_create_outbox': createOutboxMigration,
  '20261206T155800_create_processed_events': createProcessedEventsMigration,
  '20261206T155900_create_user_profiles': createUserProfilesMigration,
  '20261206T155950_create_access_refusals': createAccessRefusalsMigration,
  '20261206T160000_create_notifications': createNotifications,
  '20261206T160100_create_notification_preferences': createPreferences,
  '20261206T170000_create_email_deliveries': createEmailDeliveries,
  '20261206T171000_create_task_reminders': createTaskReminders,
  '20261206T180000_create_daily_digests': createDailyDigests,
  '20261206T190000_index_due_reminders': indexDueReminders,
  '20261206T193000_create_weekly_reviews': createWeeklyReviews,
  '20261206T200000_count_unread_notifications': countUnreadNotifications,
  '20261206T201000_index_assigned_due': indexAssignedDue,
  '20261207T030000_notify_social_events': notifySocialEvents,
  '20261207T080000_create_conversation_reads': createConversationReads,
  '20261207T120000_create_idempotent_writes': createIdempotentWritesMigration,
  '20261207T140000_add_outbox_traceparent': addOutboxTraceparentMigration,
  '20261208T000000_create_webhooks': createWebhooks,
  '20261209T010000_create_account_exports': createAccountExports,
  '20261209T020000_add_webhook_secret_hints': addWebhookSecretHints,
}
