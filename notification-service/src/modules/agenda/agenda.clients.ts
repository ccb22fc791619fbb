import { askInternal, serviceAuthorization } from '@focushub/shared/auth'
import type { Config } from '../../config.ts'

export interface DayTask {
  id: string
  projectId: string
  title: string
  priority: string
  due: string | null
  dueAt: string | null
  allDay: boolean
}

/** task-service's GET /internal/users/{id}/day. */
export interface TaskDay {
  localDate: string
  dueToday: { count: number; items: DayTask[] }
  overdue: { count: number; items: DayTask[] }
}

/** habit-service's GET /internal/users/{id}/habits-due. */
export interface HabitsDue {
  localDate: string
  count: number
  items: { id: string; name: string; unit: string; currentStreak: number; checkIn: string | null }[]
}

/** focus-service's GET /internal/users/{id}/focus-day. */
export interface FocusDay {
  localDate: string
  focusedMinutes: number
  sessions: number
  pomodoros: number
  goalMinutes: number
  goalReached: boolean
}

/** A span of local days, both included. */
export interface LocalRange {
  from: string
  to: string
}

/** task-service's GET /internal/users/{id}/week. */
export interface TasksWeek extends LocalRange {
  tasksDone: number
}

/** focus-service's GET /internal/users/{id}/focus-week. */
export interface FocusWeek extends LocalRange {
  focusedMinutes: number
  sessions: number
  pomodoros: number
}

/** habit-service's GET /internal/users/{id}/habits-week. */
export interface HabitsWeek extends LocalRange {
  habitsDue: number
  habitsKept: number
}

/** What the other services tell notification-service of a user's day and week, through their internal routes. */
export interface UserDays {
  tasksOf(userId: string): Promise<TaskDay>
  habitsDueOf(userId: string, localDate: string): Promise<HabitsDue>
  focusOf(userId: string, localDate: string): Promise<FocusDay>
  tasksWeekOf(userId: string, range: LocalRange): Promise<TasksWeek>
  focusWeekOf(userId: string, range: LocalRange): Promise<FocusWeek>
  habitsWeekOf(userId: string, range: LocalRange): Promise<HabitsWeek>
}

/** An internal call that did not answer 200: the job's attempt fails and graphile-worker retries it. */
export class InternalCallError extends Error {}

/**
 * A GET of another service's internal route with notification-service's own credential (its entry in
 * each service's INTERNAL_CALLERS), answering the JSON of a 200; unreachable, too slow or any other
 * answer throws.
 */
export function internalGetter(config: Config) {
  const authorization = serviceAuthorization('notification-service', config.NOTIFICATION_SERVICE_INTERNAL_SECRET)
  return async <T>(base: string, path: string, query: object = {}): Promise<T> => {
    const url = new URL(path, base)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value))
    const response = await askInternal(url, { authorization, timeoutMs: config.INTERNAL_CALL_TIMEOUT_MS })
    if (response.status !== 200) {
      throw new InternalCallError(`${url.origin}${url.pathname} answered ${response.status}`)
    }
    return (await response.json()) as T
  }
}

/** The agenda's and the weekly review's client of the internal routes (internalGetter). */
export function createUserDays(config: Config): UserDays {
  const get = internalGetter(config)
  const user = (userId: string) => `/internal/users/${encodeURIComponent(userId)}`
  return {
    tasksOf: (userId) => get(config.TASK_SERVICE_URL, `${user(userId)}/day`),
    habitsDueOf: (userId, date) => get(config.HABIT_SERVICE_URL, `${user(userId)}/habits-due`, { date, limit: '50' }),
    focusOf: (userId, date) => get(config.FOCUS_SERVICE_URL, `${user(userId)}/focus-day`, { date }),
    tasksWeekOf: (userId, range) => get(config.TASK_SERVICE_URL, `${user(userId)}/week`, range),
    focusWeekOf: (userId, range) => get(config.FOCUS_SERVICE_URL, `${user(userId)}/focus-week`, range),
    habitsWeekOf: (userId, range) => get(config.HABIT_SERVICE_URL, `${user(userId)}/habits-week`, range),
  }
}
