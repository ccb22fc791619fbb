import Type from 'typebox'
import { LocalDate } from '../../http/schemas.ts'

const Id = Type.String({ format: 'uuid' })
const NullableId = Type.Union([Id, Type.Null()])
const Status = Type.Union([
  Type.Literal('todo'),
  Type.Literal('in_progress'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
])
/** Who may see the object: the project's members when the event was written (live updates fan out to them). */
const Audience = Type.Array(Id)
const Instant = Type.String({ format: 'date-time' })

/** When the task falls due, added to v1 (additive): absent only in events written before it was. */
const Due = {
  dueAt: Type.Optional(
    Type.Union([Instant, Type.Null()], {
      description: 'The instant the task falls due (an all-day task: the end of its local day); null: no due',
    }),
  ),
  dueDate: Type.Optional(
    Type.Union([LocalDate, Type.Null()], { description: 'The local date of an all-day task; null otherwise' }),
  ),
}

/** One personal reminder: at an instant, or some minutes before the task's due instant (up to a week). */
export const TaskReminder = Type.Union([
  Type.Object({ at: Instant }, { additionalProperties: false }),
  Type.Object({ before: Type.Integer({ minimum: 0, maximum: 10080 }) }, { additionalProperties: false }),
])

const TaskSummary = {
  taskId: Id,
  projectId: Id,
  title: Type.String(),
  status: Status,
  assigneeId: NullableId,
  version: Type.Integer({ minimum: 1 }),
  audience: Audience,
}

/** Payloads of the events task-service publishes on focushub.task.events. userId is the acting user. */
export const taskEvents = {
  'task.created': { 1: Type.Object({ ...TaskSummary, ...Due, parentId: NullableId }) },
  'task.updated': {
    1: Type.Object({
      ...TaskSummary,
      ...Due,
      changed: Type.Array(Type.String(), { description: 'Names of the fields that changed' }),
    }),
  },
  'task.completed': {
    1: Type.Object({
      ...TaskSummary,
      ...Due,
      completedAt: Type.String({ format: 'date-time' }),
      localDate: Type.String({ format: 'date', description: "The acting user's local day of completion" }),
      nextOccurrenceId: Type.Union([Id, Type.Null()], { description: 'The next task of a recurring series, if any' }),
    }),
  },
  'task.deleted': { 1: Type.Object({ taskId: Id, projectId: Id, audience: Audience }) },
  'task.reminders_set': {
    1: Type.Object(
      {
        taskId: Id,
        projectId: Id,
        title: Type.String(),
        status: Status,
        version: Type.Integer({ minimum: 1, description: "The task's version when the reminders were written" }),
        dueAt: Type.Union([Instant, Type.Null()]),
        dueDate: Type.Union([LocalDate, Type.Null()]),
        reminders: Type.Array(TaskReminder, { maxItems: 5, description: 'The whole list; empty: none' }),
      },
      {
        description:
          'userId is whose reminders they are (the user who set them; a removed member who lost them; the owner of those carried to a next occurrence). Personal: no audience.',
      },
    ),
  },
  'task.attachment.added': {
    1: Type.Object(
      {
        attachmentId: Id,
        taskId: Id,
        projectId: Id,
        fileName: Type.String({ description: 'A display name only, never a path' }),
        size: Type.Integer({ minimum: 0, description: 'Bytes' }),
        contentType: Type.String(),
        audience: Audience,
      },
      { description: 'An upload completed and its content checked; userId is the uploader.' },
    ),
  },
  'task.attachment.removed': {
    1: Type.Object(
      { attachmentId: Id, taskId: Id, projectId: Id, audience: Audience },
      {
        description:
          'An attachment deleted by a member; those that go with their task, project or account are announced by that deletion only.',
      },
    ),
  },
  'project.member_added': {
    1: Type.Object({
      projectId: Id,
      projectName: Type.String(),
      memberId: Id,
      role: Type.Union([Type.Literal('owner'), Type.Literal('editor'), Type.Literal('viewer')]),
      audience: Audience,
    }),
  },
  'project.invitation_received': {
    1: Type.Object(
      {
        invitationId: Id,
        projectId: Id,
        projectName: Type.String(),
        role: Type.Union([Type.Literal('editor'), Type.Literal('viewer')]),
        invitedBy: Id,
        expiresAt: Type.String({ format: 'date-time' }),
      },
      {
        description:
          'userId is the invitee, not the acting user: only they learn of it. Sent only when the e-mail has an account.',
      },
    ),
  },
} as const
