// Drill 3: Kafka stopped while users create and complete tasks and log focus sessions → the writes
// still succeed, and after Kafka is back every event is published and applied exactly once.
import { type Drill, seconds } from './drill.ts'
import { type JourneyLog, runJourneys } from './journeys.ts'
import { type Stack, signalAndWait, waitFor } from './stack.ts'

const databases = ['AUTH_DATABASE_URL', 'TASK_DATABASE_URL', 'FOCUS_DATABASE_URL', 'HABIT_DATABASE_URL']

async function unpublished(stack: Stack) {
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

async function verify(stack: Stack, log: JourneyLog) {
  const { sessionEvents, completionEvents } = await drillEvents(stack, log)
  const backlog = await unpublished(stack)
  return {
    sessionEvents: sessionEvents.length,
    completionEvents: completionEvents.length,
    backlog: Object.values(backlog).reduce((a, b) => a + b, 0),
    creditedByTasks: await processedCount(stack, 'TASK_DATABASE_URL', 'task-service.focus-credit', sessionEvents),
    sessionsByHabits: await processedCount(stack, 'HABIT_DATABASE_URL', 'habit-service', sessionEvents),
    completionsByHabits: await processedCount(stack, 'HABIT_DATABASE_URL', 'habit-service', completionEvents),
    wrongCredits: (await wrongCredits(stack, log)).length,
  }
}

type Verification = Awaited<ReturnType<typeof verify>>

const complete = (v: Verification, log: JourneyLog) =>
  v.sessionEvents === log.sessions.length &&
  v.completionEvents === log.completedTasks.length &&
  v.backlog === 0 &&
  v.creditedByTasks === v.sessionEvents &&
  v.sessionsByHabits === v.sessionEvents &&
  v.completionsByHabits === v.completionEvents &&
  v.wrongCredits === 0

export const kafkaDown: Drill = {
  name: 'kafka-down',
  summary: 'Kafka stopped while users work: writes succeed, backlog drains, every event applied exactly once',
  async run({ stack, writers, log }) {
    const downSeconds = seconds('DRILL_KAFKA_DOWN_SECONDS', 60)
    const pid = stack.pidOf('kafka', 'kafka.Kafka')
    if (!pid) return { pass: false, figures: ['Kafka is not running'] }
    log(`stopping Kafka (SIGTERM pid ${pid})`)
    if (!(await signalAndWait(pid, 'SIGTERM', 60))) await signalAndWait(pid, 'SIGKILL', 5)
    const work = await runJourneys(stack.publicUrl, writers, downSeconds)
    const backlog = await unpublished(stack)
    log(`restarting Kafka (./focushub up) with ${JSON.stringify(backlog)} events waiting`)
    const restarted = performance.now()
    await stack.focushub('up')
    const kafkaBack = (performance.now() - restarted) / 1000
    let last: Verification | undefined
    const drained = await waitFor(
      async () => {
        last = await verify(stack, work)
        return complete(last, work)
      },
      seconds('DRILL_DRAIN_SECONDS', 180),
      1000,
    )
    const v = last as Verification
    return {
      pass: work.failures.length === 0 && drained !== undefined,
      figures: [
        drained === undefined
          ? `not drained within ${seconds('DRILL_DRAIN_SECONDS', 180)} s of Kafka being up again`
          : `drained ${drained.toFixed(1)} s after Kafka was up again (its start took ${kafkaBack.toFixed(1)} s); every event applied once`,
        `Kafka down ${downSeconds} s; ${writers.length} users: ${work.tasks.length} tasks created, ${work.sessions.length} sessions logged, ${work.completedTasks.length} tasks completed, ${work.failures.length} writes failed`,
        ...work.failures.slice(0, 5).map((failure) => `  ${failure}`),
        `outbox backlog when Kafka came back: ${JSON.stringify(backlog)}`,
        `events: ${v.sessionEvents} focus.session.completed, ${v.completionEvents} task.completed; still unpublished ${v.backlog}`,
        `applied: task-service credited ${v.creditedByTasks}/${v.sessionEvents}; habit-service ${v.sessionsByHabits}/${v.sessionEvents} sessions, ${v.completionsByHabits}/${v.completionEvents} completions`,
        `tasks whose focused minutes ≠ the sum of their sessions: ${v.wrongCredits} of ${new Set(work.sessions.map((s) => s.taskId)).size}`,
      ],
    }
  },
}
