import { createAccessRefusalsMigration } from '@focushub/shared/auth'
import { createImportRecordsMigration, type Migrations } from '@focushub/shared/db'
import {
  addOutboxTraceparentMigration,
  createIdempotentWritesMigration,
  createOutboxMigration,
  createProcessedEventsMigration,
  createUserProfilesMigration,
  mergeProcessedEventsMigration,
} from '@focushub/shared/events'
import * as createProjects from './20261122T130000_create_projects.ts'
import * as createLabels from './20261122T130100_create_labels.ts'
import * as createTasks from './20261122T130200_create_tasks.ts'
import * as createProjectInvitations from './20261206T051500_create_project_invitations.ts'
import * as indexTaskPositions from './20261206T060000_index_task_positions.ts'
import * as orderProjectsPerMember from './20261206T060100_order_projects_per_member.ts'
import * as indexListOrders from './20261206T070000_index_list_orders.ts'
import * as addUserDisplayNames from './20261206T140000_add_user_display_names.ts'
import * as createTaskReminders from './20261206T170000_create_task_reminders.ts'
import * as indexTasksDone from './20261206T190000_index_tasks_done.ts'
import * as indexOpenTasksDue from './20261206T203000_index_open_tasks_due.ts'
import * as createTaskAttachments from './20261207T123000_create_task_attachments.ts'
import * as addAttachmentThumbnailFailed from './20261207T124000_add_attachment_thumbnail_failed.ts'
import * as indexRemindersByTask from './20261209T030000_index_reminders_by_task.ts'

/** Every migration of focushub_tasks, in order. Frozen once landed: change the schema with a new one. */
export const migrations: Migrations = {
  '20261122T125700_create_outbox': createOutboxMigration,
  '20261122T125800_create_processed_events': createProcessedEventsMigration,
  '20261122T125900_create_user_profiles': createUserProfilesMigration,
  '20261122T130000_create_projects': createProjects,
  '20261122T130100_create_labels': createLabels,
  '20261122T130200_create_tasks': createTasks,
  '20261206T050000_create_access_refusals': createAccessRefusalsMigration,
  '20261206T051500_create_project_invitations': createProjectInvitations,
  '20261206T060000_index_task_positions': indexTaskPositions,
  '20261206T060100_order_projects_per_member': orderProjectsPerMember,
  '20261206T070000_index_list_orders': indexListOrders,
  '20261206T080000_merge_processed_events': mergeProcessedEventsMigration('task-service'),
  '20261206T140000_add_user_display_names': addUserDisplayNames,
  '20261206T170000_create_task_reminders': createTaskReminders,
  '20261206T190000_index_tasks_done': indexTasksDone,
  '20261206T203000_index_open_tasks_due': indexOpenTasksDue,
  '20261207T120000_create_idempotent_writes': createIdempotentWritesMigration,
  '20261207T123000_create_task_attachments': createTaskAttachments,
  '20261207T124000_add_attachment_thumbnail_failed': addAttachmentThumbnailFailed,
  '20261207T140000_add_outbox_traceparent': addOutboxTraceparentMigration,
  '20261208T010000_create_import_records': createImportRecordsMigration,
  '20261209T030000_index_reminders_by_task': indexRemindersByTask,
}
