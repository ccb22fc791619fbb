// Users doing real work through NGINX: create a task, log a focus session on it, complete it.
// Every id and every credited minute is kept, so a drill can check the databases against them.
// Every POST carries its own Idempotency-Key and every task a title of its own, so a drill can
// tell a request applied twice (two tasks of one title) from one applied once.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Stack } from './stack.ts'
import { api, type DrillUser } from './traffic.ts'

export interface LoggedSession {
  sessionId: string
  taskId: string
  focusedMinutes: number
}

export interface JourneyLog {
  tasks: string[]
  /** The title of every task POST sent, answered or not: each names one task at most. */
  titles: string[]
  completedTasks: string[]
  sessions: LoggedSession[]
  /** POSTs sent (each once, whatever its retries). */
  posts: number
  /** The first answer of every POST by status (0: no answer). */
  statuses: Record<string, number>
  /** Writes whose first answer was anything but 2xx (or none), and what their retries got. */
  failures: string[]
}

const minute = 60_000

/**
 * Where a user's new logged sessions may start: after their newest session, so runs never overlap,
 * and inside the days a session may be logged on (FOCUS_BACKFILL_DAYS, a day of margin kept).
 */
async function firstFreeSlot(stack: Stack, user: DrillUser) {
  const { body } = await api(`${stack.publicUrl}/api/v1/focus/sessions?limit=1`, 'GET', undefined, user.token)
  const newest = (body.items as { endedAt: string | null; startedAt: string }[] | undefined)?.[0]
  const windowStart = Date.now() - (Number(stack.env.FOCUS_BACKFILL_DAYS) - 1) * 24 * 60 * minute
  const after = newest ? new Date(newest.endedAt ?? newest.startedAt).getTime() + minute : 0
  return Math.max(windowStart, after)
}

const succeeded = (status: number) => status >= 200 && status < 300
/** What a client with an Idempotency-Key sends again: no answer, a 5xx, a 429, or 409 (the key's request still running). */
const retriable = (status: number) => status === 0 || status >= 500 || status === 429 || status === 409

/**
 * One keyed POST. A first answer that is not 2xx is a failure of the platform; the client then does
 * what the key is for and sends the same request again (up to 3 times, a second apart), so a drill
 * also sees whether a retry is applied twice.
 */
async function keyedPost(url: string, path: string, body: unknown, user: DrillUser, log: JourneyLog) {
  const key = randomUUID()
  const send = () =>
    api(`${url}${path}`, 'POST', body, user.token, { 'idempotency-key': key }).catch((error: Error) => ({
      status: 0,
      body: { error: error.message } as Record<string, unknown>,
    }))
  log.posts++
  let answer = await send()
  log.statuses[answer.status] = (log.statuses[answer.status] ?? 0) + 1
  if (succeeded(answer.status)) return answer.body
  const first = `${answer.status} ${JSON.stringify(answer.body)}`
  for (let retry = 0; retry < 3 && retriable(answer.status); retry++) {
    await sleep(1000)
    answer = await send()
  }
  log.failures.push(
    `POST ${path.replace(/[0-9a-f-]{36}/, ':id')} → ${first}; sent again with its key: ${answer.status}` +
      (succeeded(answer.status) ? '' : ` ${JSON.stringify(answer.body)}`),
  )
  return succeeded(answer.status) ? answer.body : undefined
}

/** One user's loop until `done()`: task → session of 1–3 min → complete, every `pauseMs`. */
async function journey(stack: Stack, user: DrillUser, done: () => boolean, pauseMs: number, log: JourneyLog) {
  const url = `${stack.publicUrl}/api/v1`
  const call = (path: string, body: unknown) => keyedPost(url, path, body, user, log)
  // Titles unique across runs and users: the run's start, the user, the task's number.
  const run = `${Date.now().toString(36)} ${user.email.split('@')[0]}`
  let slot = await firstFreeSlot(stack, user)
  for (let i = 0; !done(); i++) {
    const title = `drill task ${run} ${i}`
    log.titles.push(title)
    const task = await call('/tasks', { title })
    if (task) {
      log.tasks.push(task.id as string)
      const minutes = 1 + (i % 3)
      // Back to back (spans are half-open), so many runs fit in the window before they reach now.
      if (slot + minutes * minute > Date.now())
        throw new Error(`${user.email}'s logged sessions reach the present: earlier drills filled the backfill window`)
      const span = { startedAt: new Date(slot).toISOString(), endedAt: new Date(slot + minutes * minute).toISOString() }
      slot += minutes * minute
      const session = await call('/focus/sessions/manual', { ...span, taskId: task.id })
      if (session) {
        log.sessions.push({
          sessionId: session.id as string,
          taskId: task.id as string,
          focusedMinutes: session.focusedMinutes as number,
        })
      }
      if (i % 2 === 0 && (await call(`/tasks/${task.id}/complete`, {}))) log.completedTasks.push(task.id as string)
    }
    await sleep(pauseMs)
  }
}

/** Every user runs its journey for `seconds`, or until `done()`; resolves with everything they did. */
export async function runJourneys(stack: Stack, users: DrillUser[], until: number | (() => boolean), pauseMs = 500) {
  const log: JourneyLog = {
    tasks: [],
    titles: [],
    completedTasks: [],
    sessions: [],
    posts: 0,
    statuses: {},
    failures: [],
  }
  const deadline = performance.now() + (typeof until === 'number' ? until * 1000 : 0)
  const done = typeof until === 'number' ? () => performance.now() >= deadline : until
  await Promise.all(users.map((user) => journey(stack, user, done, pauseMs, log)))
  return log
}
