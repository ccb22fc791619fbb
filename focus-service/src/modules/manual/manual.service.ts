import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { dayBoundaryOf, inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import { addDays, localDateOf } from '@focushub/shared/time'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { FocusContext } from '../../context.ts'
import type { SessionRow } from '../../db/tables/focus-sessions.ts'
import type { Database } from '../../db/tables.ts'
import { focusError } from '../../errors.ts'
import { awardGoalIfReached, creditSessionDay, revokeGoalIfMissed } from '../goals/daily-credit.ts'
import { recordFinishedEvent } from '../sessions/session-transitions.ts'
import { toSessionView } from '../sessions/session-view.ts'
import {
  deleteSession,
  insertSession,
  lockOwnSession,
  sessionClash,
  updateSession,
} from '../sessions/sessions.repository.ts'
import { defaultSettings } from '../settings/settings.repository.ts'
import { recordDeletedEvent, recordEditedEvent } from './logged-events.ts'
import type { EditBody, LogBody } from './manual.schemas.ts'

const longestLogMs = 24 * 3_600_000

export interface LoggedSpan {
  startedAt: Date
  endedAt: Date
}

/** A logged span must be a real one, in the past, at most a day long. */
function checkSpan(span: LoggedSpan, now: Date) {
  const problems = []
  if (span.endedAt <= span.startedAt) problems.push({ field: '/body/endedAt', message: 'must be after startedAt' })
  if (span.endedAt > now) problems.push({ field: '/body/endedAt', message: 'must not be in the future' })
  if (span.endedAt.getTime() - span.startedAt.getTime() > longestLogMs) {
    problems.push({ field: '/body/endedAt', message: 'must be at most 24 hours after startedAt' })
  }
  if (problems.length > 0) throw focusError('span-invalid', 'The session span is not valid', { errors: problems })
}

/**
 * The local days whose credit a log, an edit or a delete may change: today and `backfillDays`
 * before it. Days before are final, so a goal, its points and its achievements cannot be farmed
 * on days long past.
 */
function assertInWindow(ctx: FocusContext, localDate: string, today: string, field: string) {
  const backfillDays = ctx.config.FOCUS_BACKFILL_DAYS
  const earliest = addDays(today, -backfillDays)
  if (localDate < earliest) {
    throw focusError('outside-backfill-window', `Logged sessions go back ${backfillDays} days at most`, {
      errors: [{ field, message: `is on ${localDate}, before ${earliest}` }],
    })
  }
}

const overlapping = () => focusError('sessions-overlap', 'This span overlaps another of your sessions')
const focusedSecondsOf = (span: LoggedSpan) => Math.floor((span.endedAt.getTime() - span.startedAt.getTime()) / 1000)

async function guardOverlap<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (sessionClash(error)) throw overlapping()
    throw error
  }
}

export type LogRequest = Static<typeof LogBody>

/** Logs a finished session after the fact: credited to its local day, published as completed (manual). */
export async function logSession(ctx: FocusContext, userId: string, request: LogRequest, meta: RequestContext) {
  const now = ctx.now()
  const span = { startedAt: new Date(request.startedAt), endedAt: new Date(request.endedAt) }
  checkSpan(span, now)
  const boundary = await dayBoundaryOf(ctx.db, userId)
  const localDate = localDateOf(span.startedAt, boundary)
  assertInWindow(ctx, localDate, localDateOf(now, boundary), '/body/startedAt')
  const row = await guardOverlap(() =>
    inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const row = await insertSession(trx, {
        user_id: userId,
        task_id: request.taskId ?? null,
        habit_id: request.habitId ?? null,
        kind: 'manual',
        status: 'completed',
        work_minutes: Math.max(1, Math.round(focusedSecondsOf(span) / 60)),
        short_break_minutes: defaultSettings.shortBreakMinutes,
        long_break_minutes: defaultSettings.longBreakMinutes,
        cycles_before_long_break: 1,
        started_at: span.startedAt,
        ended_at: span.endedAt,
        focused_seconds: focusedSecondsOf(span),
        pomodoros: 0,
        completed_by: 'log',
        local_date: localDate,
        note: request.note ?? null,
      })
      await creditAndAward(work, row, now, meta)
      await recordFinishedEvent(work, row, 'log', meta.requestId)
      return row
    }),
  )
  return toSessionView(row, now)
}

async function creditAndAward(work: UnitOfWork<Database>, row: SessionRow, now: Date, meta: RequestContext) {
  const { trx } = work
  await creditSessionDay(trx, row, 1)
  await awardGoalIfReached(work, row.user_id, row.local_date, { now, requestId: meta.requestId })
}

/** A logged session of the user's, locked; timed sessions are the timer's and cannot be edited. */
async function lockLogged(trx: Kysely<Database>, userId: string, id: string, expectedVersion?: number) {
  const row = await lockOwnSession(trx, userId, id)
  if (!row) throw errors.notFound('No such session')
  if (row.kind !== 'manual') throw focusError('not-a-logged-session', 'Only logged sessions can be edited or deleted')
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw errors.preconditionFailed('The session changed since you read it; read it again')
  }
  return row
}

export type EditRequest = Omit<Static<typeof EditBody>, 'version'>

/**
 * Edits a logged session within the backfill window: its credit moves with it, the day it left
 * loses its award if no longer met, the day it reaches may earn one; published as focus.session.edited.
 */
export async function editLoggedSession(
  ctx: FocusContext,
  userId: string,
  id: string,
  changes: EditRequest,
  expectedVersion: number | undefined,
  meta: RequestContext,
) {
  const now = ctx.now()
  const boundary = await dayBoundaryOf(ctx.db, userId)
  const row = await guardOverlap(() =>
    inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const old = await lockLogged(trx, userId, id, expectedVersion)
      const span = {
        startedAt: changes.startedAt ? new Date(changes.startedAt) : old.started_at,
        endedAt: changes.endedAt ? new Date(changes.endedAt) : (old.ended_at ?? old.started_at),
      }
      checkSpan(span, now)
      const localDate = localDateOf(span.startedAt, boundary)
      if (changes.startedAt !== undefined || changes.endedAt !== undefined) {
        const today = localDateOf(now, boundary)
        assertInWindow(ctx, old.local_date, today, '/params/id')
        assertInWindow(ctx, localDate, today, '/body/startedAt')
      }
      await creditSessionDay(trx, old, -1)
      const row = await updateSession(trx, id, {
        started_at: span.startedAt,
        ended_at: span.endedAt,
        work_minutes: Math.max(1, Math.round(focusedSecondsOf(span) / 60)),
        focused_seconds: focusedSecondsOf(span),
        local_date: localDate,
        ...(changes.note === undefined ? {} : { note: changes.note }),
        ...(changes.taskId === undefined ? {} : { task_id: changes.taskId }),
        ...(changes.habitId === undefined ? {} : { habit_id: changes.habitId }),
      })
      await creditSessionDay(trx, row, 1)
      await revokeGoalIfMissed(work, userId, old.local_date, meta)
      await awardGoalIfReached(work, userId, row.local_date, { now, requestId: meta.requestId })
      await recordEditedEvent(work, old, row, meta.requestId)
      return row
    }),
  )
  return toSessionView(row, now)
}

/**
 * Deletes a logged session within the backfill window and takes its credit back (its day's award
 * too if no longer met); published as focus.session.deleted.
 */
export async function deleteLoggedSession(
  ctx: FocusContext,
  userId: string,
  id: string,
  expectedVersion: number | undefined,
  meta: RequestContext,
) {
  const today = localDateOf(ctx.now(), await dayBoundaryOf(ctx.db, userId))
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const row = await lockLogged(trx, userId, id, expectedVersion)
    assertInWindow(ctx, row.local_date, today, '/params/id')
    await creditSessionDay(trx, row, -1)
    await deleteSession(trx, id)
    await revokeGoalIfMissed(work, userId, row.local_date, meta)
    await recordDeletedEvent(work, row, meta.requestId)
  })
}
