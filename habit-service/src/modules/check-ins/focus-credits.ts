import type { RequestContext } from '@focushub/shared/context'
import type { ConsumedEvent } from '@focushub/shared/events'
import { type DayBoundary, defaultDayBoundary, localDateOf } from '@focushub/shared/time'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { HabitWork } from '../../events/habit-work.ts'
import { creditDoneDays } from '../achievements/done-days.ts'
import { focusLinkedHabitsOf, saveSummaries } from '../habits/habits.repository.ts'
import { meetsTarget } from '../stats/day-marks.ts'
import { summarizeHabits } from '../stats/summaries.service.ts'
import { type CheckInDay, checkInsOfHabits, upsertCheckIns } from './check-ins.repository.ts'
import { announceCheckIn } from './check-ins.service.ts'

export type SessionData = ConsumedEvent<'focus.session.completed'>['data']
type LinkedHabit = Pick<HabitRow, 'id' | 'start_date'>

/**
 * Minutes per habit and local day that sessions credit: each session credits the habit it names
 * (if that habit is linked), or every linked habit when it names none; days before a habit's
 * start are ignored. Sums commute, so the order of the sessions does not matter.
 */
export function focusCredits(habits: LinkedHabit[], sessions: SessionData[]) {
  const credits = new Map<string, Map<string, number>>()
  for (const session of sessions) {
    if (session.focusedMinutes === 0) continue
    for (const habit of habits) {
      if (session.habitId !== null && session.habitId !== habit.id) continue
      if (session.localDate < habit.start_date) continue
      const days = credits.get(habit.id) ?? new Map<string, number>()
      days.set(session.localDate, (days.get(session.localDate) ?? 0) + session.focusedMinutes)
      credits.set(habit.id, days)
    }
  }
  return credits
}

/** The day's check-in once `minutes` more are added: done when the sum meets the target; a skipped day stays skipped until then. */
function creditedDay(habit: HabitRow, day: CheckInDay | undefined, minutes: number) {
  const value = (day?.value ?? 0) + minutes
  const met = meetsTarget(value, { target: habit.target, targetType: habit.target_type })
  const status = met ? ('done' as const) : day?.status === 'skipped' ? ('skipped' as const) : ('partial' as const)
  return { status, value }
}

/** Replaces the written days in each habit's check-ins. */
function merge(checkIns: Map<string, CheckInDay[]>, written: CheckInDay[]) {
  for (const row of written) {
    const days = (checkIns.get(row.habit_id) ?? []).filter((day) => day.local_date !== row.local_date)
    checkIns.set(row.habit_id, [...days, row])
  }
}

/** A user's sessions in a run, and the cause of what they publish. */
export interface UserSessions {
  cause: RequestContext
  sessions: SessionData[]
}

/** What a user's sessions credit: the minutes per habit and day, the habits credited, and the user's today. */
function planOf(user: UserSessions, linked: { habit: HabitRow; boundary: DayBoundary }[], now: Date) {
  const mine = linked.filter(({ habit }) => habit.user_id === user.cause.userId)
  const credits = focusCredits(
    mine.map(({ habit }) => habit),
    user.sessions,
  )
  const habits = mine.map(({ habit }) => habit).filter((habit) => credits.has(habit.id))
  return { ...user, credits, habits, today: localDateOf(now, mine[0]?.boundary ?? defaultDayBoundary) }
}

/**
 * Adds the run's sessions to the day's check-ins of the focus-linked habits they credit, for
 * every user of the run at once: the habits are locked and their check-ins read in one statement
 * each, every credited day is written in one, and the summaries are stored in one. Each credited
 * day publishes one habit.checked_in with its sum; days that become done count toward the
 * check-in achievements and the perfect day.
 */
export async function creditFocusHabits(work: HabitWork, users: UserSessions[], now: Date) {
  const { trx } = work
  const active = users.filter(({ sessions }) => sessions.some((session) => session.focusedMinutes > 0))
  if (active.length === 0) return
  const linked = await focusLinkedHabitsOf(
    trx,
    active.map(({ cause }) => cause.userId),
  )
  const plans = active.map((user) => planOf(user, linked, now))
  const credited = plans.flatMap((plan) => plan.habits)
  if (credited.length === 0) return
  const checkIns = await checkInsOfHabits(
    trx,
    credited.map((habit) => habit.id),
  )
  const writes = plans.flatMap((plan) => plannedWrites(plan.cause.userId, plan.habits, plan.credits, checkIns))
  const written = await upsertCheckIns(trx, writes)
  merge(checkIns, written)
  const fresh = new Map<string, HabitRow>()
  for (const plan of plans) {
    if (plan.habits.length === 0) continue
    const summarized = summarizeHabits(work, plan.habits, checkIns, plan.today, plan.cause)
    for (const habit of summarized) fresh.set(habit.id, habit)
  }
  await saveSummaries(trx, [...fresh.values()])
  for (const row of written) {
    const habit = fresh.get(row.habit_id) as HabitRow
    announceCheckIn(work, row, habit, causeOf(plans, habit.user_id))
  }
  const becameDone = writes.filter((write) => write.status === 'done' && write.before?.status !== 'done')
  await creditDoneDays(
    work,
    becameDone.map((write) => ({ ...write, cause: causeOf(plans, write.userId) })),
  )
}

const causeOf = (plans: UserSessions[], userId: string) =>
  (plans.find((plan) => plan.cause.userId === userId) as UserSessions).cause

/** The check-ins a user's credits lead to, each with the day as it was before. */
function plannedWrites(
  userId: string,
  habits: HabitRow[],
  credits: Map<string, Map<string, number>>,
  checkIns: Map<string, CheckInDay[]>,
) {
  return habits.flatMap((habit) =>
    [...(credits.get(habit.id) ?? [])].map(([localDate, minutes]) => {
      const before = checkIns.get(habit.id)?.find((day) => day.local_date === localDate)
      const after = creditedDay(habit, before, minutes)
      return { habitId: habit.id, userId, localDate, ...after, source: 'focus' as const, before }
    }),
  )
}
