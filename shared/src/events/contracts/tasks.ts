import Type from 'typebox'

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
  'task.created': { 1: Type.Object({ ...TaskSummary, parentId: NullableId }) },
  'task.updated': {
    1: Type.Object({
      ...TaskSummary,
      changed: Type.Array(Type.String(), { description: 'Names of the fields that changed' }),
    }),
  },
  'task.completed': {
    1: Type.Object({
      ...TaskSummary,
      completedAt: Type.String({ format: 'date-time' }),
      localDate: Type.String({ format: 'date', description: "The acting user's local day of completion" }),
      nextOccurrenceId: Type.Union([Id, Type.Null()], { description: 'The next task of a recurring series, if any' }),
    }),
  },
  'task.deleted': { 1: Type.Object({ taskId: Id, projectId: Id, audience: Audience }) },
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
