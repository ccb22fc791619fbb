import Type from 'typebox'
import { LocalDate } from '../../http/schemas.ts'
import { roomEvents } from './rooms.ts'

const Id = Type.String({ format: 'uuid' })
const NullableId = Type.Union([Id, Type.Null()])
const Instant = Type.String({ format: 'date-time' })
const Phase = Type.Union([Type.Literal('work'), Type.Literal('short_break'), Type.Literal('long_break')])

const Session = {
  sessionId: Id,
  taskId: NullableId,
  habitId: NullableId,
  roomId: Type.Optional(
    Type.Union([Id, Type.Null()], { description: 'The room whose shared timer drives the session' }),
  ),
}

/** What a finished session credits: paused time never counts. */
const Credit = {
  focusedMinutes: Type.Integer({ minimum: 0, description: 'Whole minutes of work phases, pauses excluded' }),
  pomodoros: Type.Integer({ minimum: 0, description: 'Work phases run to their end' }),
  startedAt: Instant,
  endedAt: Instant,
  localDate: LocalDate,
}

/**
 * Payloads of the events focus-service publishes on focushub.focus.events. userId is the session's owner
 * (for focus.room.*, who acted).
 */
export const focusEvents = {
  'focus.session.started': {
    1: Type.Object({
      ...Session,
      phase: Phase,
      startedAt: Instant,
      phaseEndsAt: Instant,
      plan: Type.Object({
        workMinutes: Type.Integer(),
        shortBreakMinutes: Type.Integer(),
        longBreakMinutes: Type.Integer(),
        cyclesBeforeLongBreak: Type.Integer(),
      }),
    }),
  },
  'focus.session.paused': {
    1: Type.Object({
      ...Session,
      phase: Phase,
      pausedAt: Instant,
      reason: Type.Union([Type.String(), Type.Null()]),
      remainingSeconds: Type.Integer({ minimum: 0 }),
    }),
  },
  'focus.session.resumed': {
    1: Type.Object({ ...Session, phase: Phase, resumedAt: Instant, phaseEndsAt: Instant }),
  },
  'focus.session.completed': {
    1: Type.Object({
      ...Session,
      ...Credit,
      manual: Type.Boolean({ description: 'Logged after the fact rather than timed' }),
      completedBy: Type.Union([Type.Literal('user'), Type.Literal('timer'), Type.Literal('log')]),
    }),
  },
  'focus.session.abandoned': { 1: Type.Object({ ...Session, ...Credit }) },
  'focus.session.edited': {
    1: Type.Object({
      ...Session,
      ...Credit,
      previous: Type.Object(
        { focusedMinutes: Credit.focusedMinutes, startedAt: Instant, endedAt: Instant, localDate: LocalDate },
        { description: 'What the logged session credited before the edit' },
      ),
    }),
  },
  'focus.session.deleted': { 1: Type.Object({ ...Session, ...Credit }) },
  'focus.session.shared': {
    1: Type.Object({ sessionId: Id, recipientIds: Type.Array(Id, { minItems: 1 }) }),
  },
  'focus.daily_goal.achieved': {
    1: Type.Object({
      localDate: LocalDate,
      goalMinutes: Type.Integer({ minimum: 1 }),
      focusedMinutes: Type.Integer({ minimum: 0 }),
    }),
  },
  'focus.daily_goal.revoked': {
    1: Type.Object({
      localDate: LocalDate,
      goalMinutes: Type.Integer({ minimum: 1, description: 'The goal the withdrawn award was given at' }),
      focusedMinutes: Type.Integer({ minimum: 0, description: 'The day total after the edit or delete' }),
    }),
  },
  ...roomEvents,
} as const
