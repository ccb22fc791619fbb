import type { AccessRefusalsDatabase } from '@focushub/shared/auth'
import type { OutboxDatabase, ProcessedEventsDatabase, UserProfilesDatabase } from '@focushub/shared/events'
import type { AccountExportsTable } from './tables/account-exports.ts'
import type { DeliveriesTable, EmailRecipientsTable } from './tables/deliveries.ts'
import type { ConversationReadsTable, NotificationsTable, UnreadCountsTable } from './tables/notifications.ts'
import type { NotificationPreferencesTable } from './tables/preferences.ts'
import type { ReminderListsTable, ReminderSchedulesTable, ReminderTasksTable } from './tables/reminders.ts'
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from './tables/webhooks.ts'
import type { WeeklyReviewsTable } from './tables/weekly-reviews.ts'

/** The tables of focushub_notifications, one interface each, assembled into the kysely Database type. */
export interface Database
  extends AccessRefusalsDatabase,
    OutboxDatabase,
    ProcessedEventsDatabase,
    UserProfilesDatabase {
  notifications: NotificationsTable
  unread_counts: UnreadCountsTable
  conversation_reads: ConversationReadsTable
  notification_preferences: NotificationPreferencesTable
  email_recipients: EmailRecipientsTable
  deliveries: DeliveriesTable
  reminder_tasks: ReminderTasksTable
  reminder_lists: ReminderListsTable
  reminder_schedules: ReminderSchedulesTable
  weekly_reviews: WeeklyReviewsTable
  webhooks: WebhooksTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
  account_exports: AccountExportsTable
}
