import { type DayBoundary, defaultDayBoundary, localDateOf } from '@focushub/shared/time'
import type { HabitRow } from '../../db/tables/habits.ts'

/** A day boundary with the local date it is at, for the refresher's candidate query. */
export interface BoundaryToday extends DayBoundary {
  today: string
}

/** Where a user's days begin, from their profile's columns (UTC at midnight until a profile arrives). */
export function boundaryOfProfile(timezone: string | null, dayStartHour: number | null): DayBoundary {
  return timezone !== null && dayStartHour !== null ? { timezone, dayStartHour } : defaultDayBoundary
}

/**
 * Whether a summary computed for `asOf` is older than its owner's today. A later one (the owner's
 * time zone moved west) is not: the read path recomputes it, and nothing here waits for it.
 */
export const isSummaryDue = (asOf: string | null, today: string) => asOf === null || asOf < today

/** Today at each boundary given and at the default one, each boundary once. */
export function todaysOf(now: Date, boundaries: DayBoundary[]): BoundaryToday[] {
  const byKey = new Map<string, DayBoundary>()
  for (const boundary of [defaultDayBoundary, ...boundaries]) {
    byKey.set(`${boundary.timezone} ${boundary.dayStartHour}`, boundary)
  }
  return [...byKey.values()].map((boundary) => ({ ...boundary, today: localDateOf(now, boundary) }))
}

export interface UserDue {
  userId: string
  today: string
  habits: HabitRow[]
}

/**
 * The habits whose summaries are due, by owner (owners in id order, the order counters are
 * locked in), each owner with their today computed as the read path computes it: this decides,
 * whatever SQL's time zone data said when it selected the rows.
 */
export function dueByUser(rows: { habit: HabitRow; boundary: DayBoundary }[], now: Date): UserDue[] {
  const byUser = new Map<string, UserDue>()
  for (const { habit, boundary } of rows) {
    const today = localDateOf(now, boundary)
    if (!isSummaryDue(habit.summary_as_of, today)) continue
    const due = byUser.get(habit.user_id) ?? { userId: habit.user_id, today, habits: [] }
    due.habits.push(habit)
    byUser.set(habit.user_id, due)
  }
  return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1))
}

/** The items in consecutive batches of at most `size`. */
export function batchesOf<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, n) => items.slice(n * size, (n + 1) * size))
}
