import type { AccessRefusalsDatabase } from '@focushub/shared/auth'
import type { ImportRecordsDatabase } from '@focushub/shared/db'
import type { NamedUserProfilesTable, OutboxDatabase, ProcessedEventsDatabase } from '@focushub/shared/events'
import type { LabelsTable } from './tables/labels.ts'
import type { ProjectInvitationsTable } from './tables/project-invitations.ts'
import type { ProjectMembersTable } from './tables/project-members.ts'
import type { ProjectsTable } from './tables/projects.ts'
import type { AttachmentUsageTable, TaskAttachmentsTable } from './tables/task-attachments.ts'
import type { TaskRemindersTable } from './tables/task-reminders.ts'
import type { TasksTable } from './tables/tasks.ts'

/** The tables of focushub_tasks, one interface each, assembled into the kysely Database type. */
export interface Database
  extends AccessRefusalsDatabase,
    ImportRecordsDatabase,
    OutboxDatabase,
    ProcessedEventsDatabase {
  /** The shared profile, with the display name task-service shows members by. */
  user_profiles: NamedUserProfilesTable
  projects: ProjectsTable
  project_members: ProjectMembersTable
  project_invitations: ProjectInvitationsTable
  labels: LabelsTable
  tasks: TasksTable
  task_reminders: TaskRemindersTable
  task_attachments: TaskAttachmentsTable
  attachment_usage: AttachmentUsageTable
}
