import type { RequestContext } from '@focushub/shared/context'
import { type AppError, errors } from '@focushub/shared/errors'
import { dayBoundaryOf, inUnitOfWork } from '@focushub/shared/events'
import { localDateOf } from '@focushub/shared/time'
import type { Static } from 'typebox'
import type { FocusContext } from '../../context.ts'
import { focusError } from '../../errors.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { findSettings } from '../settings/settings.repository.ts'
import { phaseAt, planDurationMs } from './phases.ts'
import { saveTransition } from './session-transitions.ts'
import { planOf, timerStateOf, toPauseView, toSessionView } from './session-view.ts'
import {
  findActiveSession,
  findOwnSession,
  insertSession,
  lockOwnSession,
  pausesOf,
  sessionClash,
} from './sessions.repository.ts'
import type { Plan, StartBody } from './sessions.schemas.ts'
import { applyAction, expire, isDue, type TimerAction } from './timer.ts'

export type StartRequest = Static<typeof StartBody>

const alreadyActive = (current: ReturnType<typeof toSessionView>) =>
  focusError('session-already-active', 'You already have an active session; complete or abandon it first', {
    details: { current },
  })

/** Starts a timed session now, its plan from the request or else the user's settings. */
export async function startSession(ctx: FocusContext, userId: string, request: StartRequest, meta: RequestContext) {
  const now = ctx.now()
  const { dailyGoalMinutes: _, ...defaults } = await findSettings(ctx.db, userId)
  const plan: Plan = {
    workMinutes: request.workMinutes ?? defaults.workMinutes,
    shortBreakMinutes: request.shortBreakMinutes ?? defaults.shortBreakMinutes,
    longBreakMinutes: request.longBreakMinutes ?? defaults.longBreakMinutes,
    cyclesBeforeLongBreak: request.cyclesBeforeLongBreak ?? defaults.cyclesBeforeLongBreak,
  }
  const boundary = await dayBoundaryOf(ctx.db, userId)
  try {
    const row = await inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const row = await insertSession(trx, {
        user_id: userId,
        task_id: request.taskId ?? null,
        habit_id: request.habitId ?? null,
        kind: 'timer',
        status: 'running',
        work_minutes: plan.workMinutes,
        short_break_minutes: plan.shortBreakMinutes,
        long_break_minutes: plan.longBreakMinutes,
        cycles_before_long_break: plan.cyclesBeforeLongBreak,
        started_at: now,
        ends_at: new Date(now.getTime() + planDurationMs(plan)),
        local_date: localDateOf(now, boundary),
      })
      const first = phaseAt(plan, 0)
      recordFocusEvent(
        work,
        'focus.session.started',
        {
          sessionId: row.id,
          taskId: row.task_id,
          habitId: row.habit_id,
          roomId: row.room_id,
          phase: 'work',
          startedAt: now.toISOString(),
          phaseEndsAt: new Date(now.getTime() + (first?.endMs ?? 0)).toISOString(),
          plan,
        },
        { userId, requestId: meta.requestId },
      )
      return row
    })
    return toSessionView(row, now)
  } catch (error) {
    if (!sessionClash(error)) throw error
    const current = await findActiveSession(ctx.db, userId)
    if (current) throw alreadyActive(toSessionView(current, ctx.now()))
    throw focusError('session-overlaps-logged', 'A session you logged overlaps this moment')
  }
}

export async function currentSession(ctx: FocusContext, userId: string) {
  const row = await findActiveSession(ctx.db, userId)
  return row ? toSessionView(row, ctx.now()) : null
}

/** One of the user's sessions with its pauses; another user's answers 404. */
export async function sessionDetail(ctx: FocusContext, userId: string, id: string) {
  const row = await findOwnSession(ctx.db, userId, id)
  if (!row) throw errors.notFound('No such session')
  const pauses = await pausesOf(ctx.db, id)
  return { ...toSessionView(row, ctx.now()), pauses: pauses.map(toPauseView) }
}

/**
 * A user's pause, resume, complete or abandon. A session whose plan ran out while nobody looked
 * completes by the timer first (as the sweeper would), and then the action answers 409.
 */
export async function transitionSession(
  ctx: FocusContext,
  userId: string,
  id: string,
  action: TimerAction,
  options: { reason?: string; expectedVersion?: number },
  meta: RequestContext,
) {
  const now = ctx.now()
  let refusal: AppError | undefined
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const row = await lockOwnSession(trx, userId, id)
    if (row?.kind !== 'timer') throw errors.notFound('No such timed session')
    if (options.expectedVersion !== undefined && row.version !== options.expectedVersion) {
      throw errors.preconditionFailed('The session changed since you read it; read it again')
    }
    const context = { now, requestId: meta.requestId, reason: options.reason ?? null }
    const state = timerStateOf(row)
    if (isDue(planOf(row), state, now)) {
      const expired = await saveTransition(work, row, expire(planOf(row), state, now), 'expire', context)
      refusal = errorOf(() => applyAction(timerStateOf(expired), action, now))
      return expired
    }
    return saveTransition(work, row, applyAction(state, action, now), action, context)
  })
  if (refusal) throw refusal
  return toSessionView(row, now)
}

function errorOf(attempt: () => unknown): AppError | undefined {
  try {
    attempt()
    return undefined
  } catch (error) {
    return error as AppError
  }
}
