// Users doing real work through NGINX: create a task, log a focus session on it, complete it.
// Every id and every credited minute is kept, so a drill can check the databases against them.
import { setTimeout as sleep } from 'node:timers/promises'
import { api, type DrillUser } from './traffic.ts'

export interface LoggedSession {
  sessionId: string
  taskId: string
  focusedMinutes: number
}

export interface JourneyLog {
  tasks: string[]
  completedTasks: string[]
  sessions: LoggedSession[]
  /** Writes answered with anything but 2xx (or not at all). */
  failures: string[]
}

const minute = 60_000

/** Where a user's new logged sessions may start: after their newest session, so runs never overlap. */
async function firstFreeSlot(publicUrl: string, user: DrillUser) {
  const { body } = await api(`${publicUrl}/api/v1/focus/sessions?limit=1`, 'GET', undefined, user.token)
  const newest = (body.items as { endedAt: string | null; startedAt: string }[] | undefined)?.[0]
  const monthAgo = Date.now() - 30 * 24 * 60 * minute
  const after = newest ? new Date(newest.endedAt ?? newest.startedAt).getTime() + minute : 0
  return Math.max(monthAgo, after)
}

/** One user's loop until `done()`: task → session of 1–3 min → complete, every `pauseMs`. */
async function journey(publicUrl: string, user: DrillUser, done: () => boolean, pauseMs: number, log: JourneyLog) {
  const url = `${publicUrl}/api/v1`
  let slot = await firstFreeSlot(publicUrl, user)
  for (let i = 0; !done(); i++) {
    const call = async (path: string, body: unknown) => {
      const answer = await api(`${url}${path}`, 'POST', body, user.token).catch((error: Error) => ({
        status: 0,
        body: { error: error.message } as Record<string, unknown>,
      }))
      if (answer.status < 200 || answer.status > 299)
        log.failures.push(
          `POST ${path.replace(/[0-9a-f-]{36}/, ':id')} → ${answer.status} ${JSON.stringify(answer.body)}`,
        )
      return answer.status >= 200 && answer.status < 300 ? answer.body : undefined
    }
    const task = await call('/tasks', { title: `drill task ${i}` })
    if (task) {
      log.tasks.push(task.id as string)
      const minutes = 1 + (i % 3)
      const span = { startedAt: new Date(slot).toISOString(), endedAt: new Date(slot + minutes * minute).toISOString() }
      slot += (minutes + 1) * minute
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
export async function runJourneys(
  publicUrl: string,
  users: DrillUser[],
  until: number | (() => boolean),
  pauseMs = 500,
) {
  const log: JourneyLog = { tasks: [], completedTasks: [], sessions: [], failures: [] }
  const deadline = performance.now() + (typeof until === 'number' ? until * 1000 : 0)
  const done = typeof until === 'number' ? () => performance.now() >= deadline : until
  await Promise.all(users.map((user) => journey(publicUrl, user, done, pauseMs, log)))
  return log
}
