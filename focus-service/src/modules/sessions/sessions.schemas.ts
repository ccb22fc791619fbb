import { DateTime, LocalDate, Text, Uuid, Version } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const Phase = Type.Union([Type.Literal('work'), Type.Literal('short_break'), Type.Literal('long_break')])
export type Phase = Static<typeof Phase>

export const PlanFields = {
  workMinutes: Type.Integer({ minimum: 1, maximum: 180 }),
  shortBreakMinutes: Type.Integer({ minimum: 1, maximum: 60 }),
  longBreakMinutes: Type.Integer({ minimum: 1, maximum: 120 }),
  cyclesBeforeLongBreak: Type.Integer({ minimum: 1, maximum: 12 }),
}

/** What a timed session runs: `cyclesBeforeLongBreak` work phases with short breaks between, then a long break. */
export const Plan = Type.Object(PlanFields)
export type Plan = Static<typeof Plan>

/** A session's plan as shown: a room's session runs one work phase, its breaks 0 (the room keeps the breaks). */
const SessionPlan = Type.Object({
  ...PlanFields,
  shortBreakMinutes: Type.Integer({ minimum: 0, maximum: 60 }),
  longBreakMinutes: Type.Integer({ minimum: 0, maximum: 120 }),
})

export const Session = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('timer'), Type.Literal('manual')]),
  status: Type.Union([
    Type.Literal('running'),
    Type.Literal('paused'),
    Type.Literal('completed'),
    Type.Literal('abandoned'),
  ]),
  taskId: Nullable(Uuid),
  habitId: Nullable(Uuid),
  roomId: Type.Union([Uuid, Type.Null()], { description: 'The room whose shared timer drove the session, if any' }),
  plan: Nullable(SessionPlan),
  phase: Nullable(Phase),
  cycle: Nullable(Type.Integer()),
  remainingSeconds: Type.Integer({ minimum: 0, description: 'Left in the current phase, pauses excluded' }),
  phaseEndsAt: Nullable(DateTime),
  focusedSeconds: Type.Integer({ minimum: 0 }),
  focusedMinutes: Type.Integer({ minimum: 0 }),
  pomodoros: Type.Integer({ minimum: 0 }),
  startedAt: DateTime,
  pausedAt: Nullable(DateTime),
  pauseReason: Nullable(Type.String()),
  pausedSeconds: Type.Integer({ minimum: 0 }),
  endsAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  completedBy: Nullable(Type.Union([Type.Literal('user'), Type.Literal('timer'), Type.Literal('log')])),
  localDate: LocalDate,
  note: Nullable(Type.String()),
  version: Version,
  allowedActions: Type.Array(Type.String()),
})

export const SessionDetail = Type.Intersect([
  Session,
  Type.Object({
    pauses: Type.Array(
      Type.Object({ startedAt: DateTime, endedAt: Nullable(DateTime), reason: Nullable(Type.String()) }),
    ),
  }),
])

export const StartBody = Type.Object(
  {
    taskId: Type.Optional(Uuid),
    habitId: Type.Optional(Uuid),
    workMinutes: Type.Optional(PlanFields.workMinutes),
    shortBreakMinutes: Type.Optional(PlanFields.shortBreakMinutes),
    longBreakMinutes: Type.Optional(PlanFields.longBreakMinutes),
    cyclesBeforeLongBreak: Type.Optional(PlanFields.cyclesBeforeLongBreak),
  },
  { additionalProperties: false },
)

export const SessionParams = Type.Object({ id: Uuid })

/** Body of pause, resume, complete and abandon; all optional (an empty POST is fine). */
export const TransitionBody = Type.Union([
  Type.Object(
    {
      reason: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
      version: Type.Optional(Version),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
])

export const CurrentSession = Type.Object({ session: Nullable(Session) })
