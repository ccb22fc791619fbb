import { dayBoundaryOf, inUnitOfWork } from '@focushub/shared/events'
import { addDays, localDateOf } from '@focushub/shared/time'
import type { Kysely } from 'kysely'
import type { NotificationContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { cancel, enqueue } from '../../jobs/queue.ts'
import { tell } from '../notifications/notifications.service.ts'
import type { NotificationDraft } from '../notifications/triggers.ts'
import { findPreferences } from '../preferences/preferences.repository.ts'
import type { Preferences } from '../preferences/preferences.schemas.ts'
import { weeklyReviewDrafts } from '../weekly-review/weekly-review.service.ts'
import type { UserDays } from './agenda.clients.ts'
import { dailyAgenda, streaksAtRisk } from './agenda-text.ts'
import { nextRunAt } from './agenda-times.ts'

/** What the agenda's jobs work with: the service's context and the other services' internal routes. */
export interface AgendaContext extends NotificationContext {
  days: UserDays
}

export interface DailyJobPayload {
  userId: string
  /** The instant it was armed for: the local day it speaks of is this instant's. */
  runAt: string
}

/** What a run tells, and what it keeps beside (in the same transaction). */
export interface Drafted {
  drafts: NotificationDraft[]
  keep?: (trx: Kysely<Database>) => Promise<void>
}

export type Drafting = (ctx: AgendaContext, userId: string, localDate: string, timezone: string) => Promise<Drafted>

/** The user's day from the services that own it: tasks, habits due, yesterday's focus. */
const agendaDrafts: Drafting = async (ctx, userId, localDate, timezone) => {
  const [tasks, habits, yesterday] = await Promise.all([
    ctx.days.tasksOf(userId),
    ctx.days.habitsDueOf(userId, localDate),
    ctx.days.focusOf(userId, addDays(localDate, -1)),
  ])
  return { drafts: [dailyAgenda({ userId, localDate, timezone, tasks, habits, yesterday })] }
}

const streakDrafts: Drafting = async (ctx, userId, localDate) => ({
  drafts: streaksAtRisk(userId, await ctx.days.habitsDueOf(userId, localDate)),
})

/**
 * The per-user jobs at a local time: one job each (its key names the user), on when the user's setting
 * is; daily, or weekly on the setting's weekday (the weekly review).
 */
export const dailyJobs = {
  agenda: { task: 'daily-agenda', jobKey: (userId: string) => `agenda:${userId}`, drafts: agendaDrafts },
  streakNudge: { task: 'streak-nudge', jobKey: (userId: string) => `streak-nudge:${userId}`, drafts: streakDrafts },
  weeklyReview: {
    task: 'weekly-review',
    jobKey: (userId: string) => `weekly-review:${userId}`,
    drafts: weeklyReviewDrafts,
  },
} as const

export type DailyJobName = keyof typeof dailyJobs
const names = Object.keys(dailyJobs) as DailyJobName[]

/** Arms (the key replaces a pending job) or cancels one daily job of a user by their setting and time zone. */
async function armDailyJob(
  trx: Kysely<Database>,
  name: DailyJobName,
  userId: string,
  preferences: Preferences,
  timezone: string,
  now: Date,
) {
  const { task, jobKey } = dailyJobs[name]
  const setting = preferences[name]
  if (!setting.enabled) return cancel(trx, jobKey(userId))
  const runAt = nextRunAt(now, setting.time, timezone, 'weekday' in setting ? setting.weekday : undefined)
  const payload: DailyJobPayload = { userId, runAt: runAt.toISOString() }
  await enqueue(trx, task, payload, { runAt, jobKey: jobKey(userId) })
}

/**
 * Brings a user's daily and weekly jobs (agenda, streak nudge, weekly review) in line with their
 * settings and time zone: on a settings write and on every profile event (a new user, a time zone
 * changed). Idempotent.
 */
export async function armDailyJobs(trx: Kysely<Database>, userId: string, now = new Date()) {
  const [preferences, { timezone }] = await Promise.all([findPreferences(trx, userId), dayBoundaryOf(trx, userId)])
  for (const name of names) await armDailyJob(trx, name, userId, preferences, timezone, now)
}

/** A deleted account: its daily jobs cancelled. */
export async function cancelDailyJobs(trx: Kysely<Database>, userId: string) {
  for (const name of names) await cancel(trx, dailyJobs[name].jobKey(userId))
}

/**
 * A daily or weekly job's run: asks the services that own the user's day (or week), keeps what it
 * keeps, tells what it found through `tell` (trigger keys name the local day or week, so a job run
 * twice tells once) and arms the next run, in one transaction. A call that fails throws: the attempt
 * is retried, and the next run is armed by the last attempt (`rearm`). Off by now: nothing. A run
 * whose local day is over (a worker long down) tells nothing and arms the next.
 */
export async function runDailyJob(ctx: AgendaContext, name: DailyJobName, payload: DailyJobPayload, now = new Date()) {
  const { userId } = payload
  const [preferences, boundary] = await Promise.all([findPreferences(ctx.db, userId), dayBoundaryOf(ctx.db, userId)])
  if (!preferences[name].enabled) return 'off'
  const localDate = localDateOf(new Date(payload.runAt), boundary)
  const late = localDateOf(now, boundary) !== localDate
  const { drafts, keep } = late
    ? { drafts: [] }
    : await dailyJobs[name].drafts(ctx, userId, localDate, boundary.timezone)
  await inUnitOfWork(ctx.db, async (work) => {
    await keep?.(work.trx)
    if (drafts.length > 0) await tell(work, drafts)
    await armDailyJob(work.trx, name, userId, preferences, boundary.timezone, now)
  })
  return late ? 'late' : `told ${drafts.length}`
}

/** After a last failed attempt: the next run armed all the same, so one bad day does not end the chain. */
export async function rearm(ctx: AgendaContext, name: DailyJobName, userId: string, now = new Date()) {
  const [preferences, { timezone }] = await Promise.all([
    findPreferences(ctx.db, userId),
    dayBoundaryOf(ctx.db, userId),
  ])
  await ctx.db.transaction().execute((trx) => armDailyJob(trx, name, userId, preferences, timezone, now))
}
