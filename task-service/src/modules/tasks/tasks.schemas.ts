import { ManualPosition } from '@focushub/shared/db'
import {
  calendarDatePattern,
  DateTime,
  Defaulted,
  Page,
  PositionCursor,
  pageQuery,
  Text,
  Uuid,
  Version,
} from '@focushub/shared/http'
import Type from 'typebox'
import { Nullable, StringEnum } from '../../schemas/common.ts'

export const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const
export const Priority = StringEnum(priorities)
export const Status = StringEnum(['todo', 'in_progress', 'done', 'cancelled'])
const Title = Text({ minLength: 1, maxLength: 500, notBlank: true })
const Description = Text({ maxLength: 20_000, description: 'Markdown' })
/** A time of day, with seconds and fractions optional, and an optional offset. */
const clockTime = String.raw`T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?`
const DueText = Type.String({
  maxLength: 40,
  pattern: `^(?:${calendarDatePattern})(?:${clockTime})?$`,
  description: 'A date (due by the end of that day) or a date-time; without an offset, read in your timezone',
})
const Ids = (maxItems: number) => Type.Array(Uuid, { maxItems, uniqueItems: true })
const Estimate = Type.Integer({ minimum: 0, maximum: 100, description: 'Pomodoros' })

const weekday = '(?:MO|TU|WE|TH|FR|SA|SU)'
const list = (item: string) => `${item}(?:,${item})*`
const signed = (range: string) => `[+-]?(?:${range})`
const weekNumber = '[1-9]|[1-4]\\d|5[0-3]'
const dayOfYear = '[1-9]\\d?|[12]\\d\\d|3[0-5]\\d|36[0-6]'
/**
 * One `NAME=value` part of an RRULE as this service repeats by: RFC 5545's syntax, the frequencies
 * it supports (a day or longer), no BYHOUR/BYMINUTE/BYSECOND (the due time gives the time of day),
 * each number in its range.
 */
const rrulePart = [
  'FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)',
  'UNTIL=\\d{8}(?:T\\d{6}Z?)?',
  '(?:COUNT|INTERVAL)=[1-9]\\d{0,8}',
  `BYMONTH=${list('(?:[1-9]|1[0-2])')}`,
  `BYMONTHDAY=${list(signed('[1-9]|[12]\\d|3[01]'))}`,
  `(?:BYYEARDAY|BYSETPOS)=${list(signed(dayOfYear))}`,
  `BYWEEKNO=${list(signed(weekNumber))}`,
  `BYDAY=${list(`(?:${signed(weekNumber)})?${weekday}`)}`,
  `WKST=${weekday}`,
].join('|')
const rrulePattern = `^(?:RRULE:)?(?:${rrulePart})(?:;(?:${rrulePart}))*$`

export const Recurrence = Type.Object(
  {
    rrule: Type.String({
      maxLength: 500,
      pattern: rrulePattern,
      description:
        'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,TH, as the pattern admits it; a rule without FREQ, with' +
        ' BYSETPOS on a daily rule or an UNTIL that is no date answers 422',
    }),
    from: Type.Optional(
      Type.Union([Type.Literal('due'), Type.Literal('completion')], { description: 'Counted from: due (default)' }),
    ),
  },
  { additionalProperties: false },
)

export const Task = Type.Object({
  id: Uuid,
  projectId: Uuid,
  parentId: Nullable(Uuid),
  title: Type.String(),
  description: Type.String(),
  status: Status,
  priority: Priority,
  due: Nullable(Type.String()),
  dueAt: Nullable(DateTime),
  allDay: Type.Boolean(),
  assigneeId: Nullable(Uuid),
  observerIds: Type.Array(Uuid),
  labelIds: Type.Array(Uuid),
  position: Type.Number(),
  estimatePomodoros: Nullable(Type.Integer()),
  focusedMinutes: Type.Integer(),
  pomodorosDone: Type.Integer(),
  recurrence: Nullable(Type.Object({ rrule: Type.String(), from: Type.String() })),
  nextOccurrenceId: Nullable(Uuid),
  completedAt: Nullable(DateTime),
  createdBy: Uuid,
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
})
export const TaskPage = Page(Task)
export const TaskParams = Type.Object({ taskId: Uuid })

const editable = {
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  priority: Type.Optional(Priority),
  due: Type.Optional(Type.Union([DueText, Type.Null()])),
  assigneeId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  observerIds: Type.Optional(Ids(50)),
  labelIds: Type.Optional(Ids(20)),
  estimatePomodoros: Type.Optional(Type.Union([Estimate, Type.Null()])),
  position: Type.Optional(ManualPosition),
  recurrence: Type.Optional(Type.Union([Recurrence, Type.Null()])),
}

export const CreateTaskBody = Type.Object(
  {
    ...editable,
    title: Title,
    projectId: Type.Optional(Uuid),
    parentId: Type.Optional(Uuid),
    status: Type.Optional(Type.Union([Type.Literal('todo'), Type.Literal('in_progress')])),
  },
  { additionalProperties: false },
)

export const UpdateTaskBody = Type.Object(
  {
    ...editable,
    projectId: Type.Optional({
      ...Uuid,
      description:
        "Moves the task, with its subtasks, to this project: last in the project's manual order (where a task " +
        'created now would go, or one past its last task when one stands later) unless a `position` is sent with ' +
        'it, which places it there; its subtasks, at any depth, follow right after it in their own order',
    }),
    status: Type.Optional(Status),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const CompleteTaskBody = Type.Object({ version: Type.Optional(Version) }, { additionalProperties: false })

export const TaskSort = Type.Union(
  ['created', '-created', 'due', 'priority', 'position'].map((name) => Type.Literal(name)),
  { default: 'created', description: 'created/-created: by creation; due: soonest first; priority: most urgent first' },
)

export const ListTasksQuery = Type.Object(
  {
    ...pageQuery(PositionCursor.schema),
    projectId: Type.Optional(Uuid),
    parentId: Type.Optional(Uuid),
    status: Type.Optional(Type.Array(Status, { maxItems: 4 })),
    priority: Type.Optional(Type.Array(Priority, { maxItems: 5 })),
    labelId: Type.Optional(Uuid),
    assigneeId: Type.Optional(Uuid),
    dueBefore: Type.Optional(DateTime),
    dueAfter: Type.Optional(DateTime),
    overdue: Type.Optional(Type.Boolean()),
    dueToday: Type.Optional(Type.Boolean({ description: 'Due on your local today' })),
    q: Type.Optional(Text({ minLength: 1, maxLength: 200, description: 'Full-text search of title and description' })),
    sort: Defaulted(TaskSort),
  },
  { additionalProperties: false },
)

export const StatsQuery = Type.Object({ projectId: Type.Optional(Uuid) }, { additionalProperties: false })
export const TaskStats = Type.Object({
  open: Type.Integer(),
  overdue: Type.Integer(),
  dueToday: Type.Integer(),
  doneToday: Type.Integer(),
  doneThisWeek: Type.Integer(),
  localDate: Type.String({ format: 'date' }),
})
