// Whether the writers' work (journeys.ts) was applied exactly once: every keyed task POST made one
// task at most, every outbox is drained, every focus.session.completed and task.completed of the
// drill is recorded once in processed_events of task-service and habit-service, and every task's
// focused_minutes is exactly the sum of its sessions.
import type { JourneyLog } from './journeys.ts'
import { type Stack, waitFor } from './stack.ts'

const databases = ['AUTH_DATABASE_URL', 'TASK_DATABASE_URL', 'FOCUS_DATABASE_URL', 'HABIT_DATABASE_URL']

/** Outbox rows not yet published, per service. */
export async function unpublished(stack: Stack) {
  const counts = await Promise.all(
    databases.map(async (url) => {
      const [row] = await stack.serviceSql<{ n: number }>(
        url,
        'select count(*)::int n from outbox where published_at is null',
      )
      return row.n
    }),
  )
  return Object.fromEntries(databases.map((url, i) => [url.replace('_DATABASE_URL', '').toLowerCase(), counts[i]]))
}

/** The drill's events, read from the producers' outboxes: session completions and task completions. */
async function drillEvents(stack: Stack, log: JourneyLog) {
  const sessions = await stack.serviceSql<{ id: string }>(
    'FOCUS_DATABASE_URL',
    `select id from outbox where type = 'focus.session.completed' and envelope->'data'->>'sessionId' = any($1)`,
    [log.sessions.map((s) => s.sessionId)],
  )
  const completions = await stack.serviceSql<{ id: string }>(
    'TASK_DATABASE_URL',
    `select id from outbox where type = 'task.completed' and envelope->'data'->>'taskId' = any($1)`,
    [log.completedTasks],
  )
  return { sessionEvents: sessions.map((r) => r.id), completionEvents: completions.map((r) => r.id) }
}

async function processedCount(stack: Stack, url: string, consumer: string, eventIds: string[]) {
  const [row] = await stack.serviceSql<{ n: number }>(
    url,
    'select count(*)::int n from processed_events where consumer = $1 and event_id = any($2::uuid[])',
    [consumer, eventIds],
  )
  return row.n
}

/** Tasks whose focused minutes are not exactly the sum of the sessions logged on them (lost or doubled credit). */
async function wrongCredits(stack: Stack, log: JourneyLog) {
  const expected = new Map<string, number>()
  for (const s of log.sessions) expected.set(s.taskId, (expected.get(s.taskId) ?? 0) + s.focusedMinutes)
  const rows = await stack.serviceSql<{ id: string; focused_minutes: number }>(
    'TASK_DATABASE_URL',
    'select id, focused_minutes from tasks where id = any($1::uuid[])',
    [[...expected.keys()]],
  )
  return rows.filter((row) => row.focused_minutes !== expected.get(row.id))
}

/** Titles of the drill's task POSTs that name more than one task: a request applied twice. */
async function duplicatedTitles(stack: Stack, log: JourneyLog) {
  const rows = await stack.serviceSql<{ title: string; n: number }>(
    'TASK_DATABASE_URL',
    'select title, count(*)::int n from tasks where title = any($1) group by title having count(*) > 1',
    [log.titles],
  )
  return rows.map((row) => `${row.title} × ${row.n}`)
}

async function verify(stack: Stack, log: JourneyLog) {
  const { sessionEvents, completionEvents } = await drillEvents(stack, log)
  const backlog = await unpublished(stack)
  return {
    sessionEvents: sessionEvents.length,
    completionEvents: completionEvents.length,
    backlog: Object.values(backlog).reduce((a, b) => a + b, 0),
    creditedByTasks: await processedCount(stack, 'TASK_DATABASE_URL', 'task-service', sessionEvents),
    sessionsByHabits: await processedCount(stack, 'HABIT_DATABASE_URL', 'habit-service', sessionEvents),
    completionsByHabits: await processedCount(stack, 'HABIT_DATABASE_URL', 'habit-service', completionEvents),
    wrongCredits: (await wrongCredits(stack, log)).length,
    duplicatedTitles: await duplicatedTitles(stack, log),
  }
}

export type Verification = Awaited<ReturnType<typeof verify>>

const complete = (v: Verification, log: JourneyLog) =>
  v.sessionEvents === log.sessions.length &&
  v.completionEvents === log.completedTasks.length &&
  v.backlog === 0 &&
  v.creditedByTasks === v.sessionEvents &&
  v.sessionsByHabits === v.sessionEvents &&
  v.completionsByHabits === v.completionEvents &&
  v.wrongCredits === 0 &&
  v.duplicatedTitles.length === 0

/**
 * Polls until everything the writers did is applied exactly once, or `seconds` pass. `seconds` is
 * undefined then; `last` is the final reading either way.
 */
export async function waitUntilApplied(stack: Stack, log: JourneyLog, seconds: number) {
  let last: Verification | undefined
  const after = await waitFor(
    async () => {
      last = await verify(stack, log)
      return complete(last, log)
    },
    seconds,
    1000,
  )
  return { seconds: after, last: last ?? (await verify(stack, log)) }
}

/** The figures of a verification, one line each. */
export function describeApplied(v: Verification, log: JourneyLog) {
  return [
    `events: ${v.sessionEvents} focus.session.completed, ${v.completionEvents} task.completed; still unpublished ${v.backlog}`,
    `applied: task-service credited ${v.creditedByTasks}/${v.sessionEvents}; habit-service ${v.sessionsByHabits}/${v.sessionEvents} sessions, ${v.completionsByHabits}/${v.completionEvents} completions`,
    `tasks whose focused minutes ≠ the sum of their sessions: ${v.wrongCredits} of ${new Set(log.sessions.map((s) => s.taskId)).size}`,
    `task titles applied twice: ${v.duplicatedTitles.length} of ${log.titles.length}${v.duplicatedTitles.length ? ` (${v.duplicatedTitles.slice(0, 5).join(', ')})` : ''}`,
  ]
}

/** One line: how much the writers did. */
export function describeWork(log: JourneyLog, users: number) {
  return (
    `${users} users: ${log.posts} keyed POST (${log.tasks.length} tasks created, ${log.sessions.length} sessions logged, ` +
    `${log.completedTasks.length} tasks completed), first answers ${JSON.stringify(log.statuses)}, ${log.failures.length} failed`
  )
}
