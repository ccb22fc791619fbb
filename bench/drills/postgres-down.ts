// One service's database refuses connections (ALLOW_CONNECTIONS false, its sessions
// terminated) under GET load → that service answers 503 problem+json promptly, the others are
// unaffected, and it recovers by itself when connections are allowed again.
// DRILL_PG_SERVICE picks the service (default task-service).
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import type { Stack } from './stack.ts'
import { describeFailures, describeLoad, type Failure, startGetLoad } from './traffic.ts'

const services: Record<string, { urlVar: string; portVar: string; paths: string[] }> = {
  'auth-service': { urlVar: 'AUTH_DATABASE_URL', portVar: 'AUTH_SERVICE_PORT', paths: ['/api/v1/auth/me'] },
  'task-service': { urlVar: 'TASK_DATABASE_URL', portVar: 'TASK_SERVICE_PORT', paths: ['/api/v1/tasks?limit=20'] },
  'focus-service': {
    urlVar: 'FOCUS_DATABASE_URL',
    portVar: 'FOCUS_SERVICE_PORT',
    paths: ['/api/v1/focus/sessions?limit=20'],
  },
  'habit-service': { urlVar: 'HABIT_DATABASE_URL', portVar: 'HABIT_SERVICE_PORT', paths: ['/api/v1/habits'] },
  'notification-service': {
    urlVar: 'NOTIFICATION_DATABASE_URL',
    portVar: 'NOTIFICATION_SERVICE_PORT',
    paths: ['/api/v1/notifications?limit=20'],
  },
  'social-service': {
    urlVar: 'SOCIAL_DATABASE_URL',
    portVar: 'SOCIAL_SERVICE_PORT',
    paths: ['/api/v1/social/friends?limit=20'],
  },
}

const databaseOf = (stack: Stack, urlVar: string) => new URL(stack.env[urlVar]).pathname.slice(1)

async function setConnections(stack: Stack, database: string, allowed: boolean) {
  await stack.adminSql(`alter database "${database.replaceAll('"', '""')}" allow_connections ${allowed}`)
  if (!allowed)
    await stack.adminSql('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database])
}

const readiness = (stack: Stack, portVar: string) =>
  fetch(`http://127.0.0.1:${stack.env[portVar]}/ready`)
    .then(async (r) => `${r.status} ${JSON.stringify(((await r.json()) as { down: string[] }).down)}`)
    .catch((error: Error) => `no answer (${error.message})`)

export const postgresDown: Drill = {
  name: 'postgres-down',
  summary: "one service's database unavailable under GET load: 503 problem+json there, the rest unaffected, recovery",
  async run({ stack, users, rate, log }) {
    const name = process.env.DRILL_PG_SERVICE ?? 'task-service'
    const target = services[name]
    if (!target) return { pass: false, figures: [`DRILL_PG_SERVICE must be one of ${Object.keys(services)}`] }
    const database = databaseOf(stack, target.urlVar)
    const paths = Object.values(services).flatMap((s) => s.paths)
    const isTarget = (f: Failure) => target.paths.includes(f.path)
    const load = startGetLoad(stack.publicUrl, users, rate, paths)
    let cutAt = 0
    let restoredAt = 0
    let during = ''
    try {
      await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
      cutAt = load.elapsedMs()
      await setConnections(stack, database, false)
      log(`${database}: connections refused and its sessions terminated at ${cutAt} ms`)
      await sleep(seconds('DRILL_SECONDS', 10) * 1000)
      during = await readiness(stack, target.portVar)
      restoredAt = load.elapsedMs()
    } finally {
      await setConnections(stack, database, true)
    }
    log(`${database}: connections allowed again at ${restoredAt} ms`)
    await sleep(seconds('DRILL_RECOVERY_SECONDS', 10) * 1000)
    const report = await load.stop()

    const targetFailures = report.failures.filter(isTarget)
    const others = report.failures.filter((f) => !isTarget(f))
    const wrong = targetFailures.filter(
      (f) => f.outcome !== '503' || !f.contentType.startsWith('application/problem+json'),
    )
    const times = targetFailures.map((f) => f.ms).sort((a, b) => a - b)
    const slowest = times.at(-1) ?? 0
    const median = times[Math.floor(times.length / 2)] ?? 0
    const lastFailure = Math.max(restoredAt, ...targetFailures.map((f) => f.atMs))
    const recovered = lastFailure - restoredAt < seconds('DRILL_RECOVERY_SECONDS', 10) * 1000 - 2000
    // No hang: every 503 came from the service itself, before the gateway would have given up (504).
    const answeredFast = slowest < Number(stack.env.UPSTREAM_TIMEOUT_MS)
    return {
      pass: targetFailures.length > 0 && wrong.length === 0 && others.length === 0 && answeredFast && recovered,
      figures: [
        `${name}: ${targetFailures.length - wrong.length} answers 503 problem+json, ${wrong.length} other failures, median ${median.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms; ` +
          `other services: ${others.length} failed; last failure ${lastFailure - restoredAt} ms after connections were allowed again`,
        describeLoad(report),
        ...describeFailures(report.failures),
        `${name} /ready during the outage: ${during}; now ${await readiness(stack, target.portVar)}`,
      ],
    }
  },
}
