import { Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { MemberRole, Nullable } from '../../schemas/common.ts'
import { Priority } from '../tasks/tasks.schemas.ts'

export const UserDayParams = Type.Object({ userId: Uuid }, { additionalProperties: false })
export const UserDayQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'Tasks listed per list' }) },
  { additionalProperties: false },
)

/** What a notification lists of a task: no more than its line in the Today screen shows. */
const DayTask = Type.Object({
  id: Uuid,
  projectId: Uuid,
  title: Type.String(),
  priority: Priority,
  due: Nullable(Type.String({ description: 'The date of an all-day task, else the instant' })),
  dueAt: Nullable(Type.String({ format: 'date-time' })),
  allDay: Type.Boolean(),
})

const DayList = Type.Object({
  count: Type.Integer({ minimum: 0, description: 'All of them, however many are listed' }),
  items: Type.Array(DayTask, { description: 'The first `limit`, soonest due first' }),
})

export const UserDay = Type.Object({
  localDate: Type.String({ format: 'date', description: "The user's local today, by their day-start hour" }),
  dueToday: DayList,
  overdue: DayList,
})

export const UserWeek = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  tasksDone: Type.Integer({
    minimum: 0,
    description:
      'Tasks completed in the span (by the local day of completed_at) that were the user’s to do: assigned to them, or unassigned and created by them',
  }),
})

export const ProjectMemberParams = Type.Object({ projectId: Uuid, userId: Uuid }, { additionalProperties: false })

export const ProjectMemberRole = Type.Object({ role: MemberRole })
