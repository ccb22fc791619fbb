// habit-service under a year of history: GET /habits (today's status and streaks) latency, and
// consumer event handling throughput. The service runs in-process on port 0 against its own
// fresh schema of focushub_habits (dropped at the end); no Kafka traffic (the relay is off, and
// the events reach the handlers through the shared consumer over an in-memory bus).
// Seed: BENCH_HABITS habits (default 1,000) of one user, each with a year of daily check-ins
// (every 10th day missed), written by SQL.
// GET /habits: BENCH_REQUESTS sequential requests on a keep-alive connection (p50/p99 without
// queueing) for pages of 50 (the default) and 200 (the maximum), then autocannon with
// BENCH_CONNECTIONS connections for BENCH_SECONDS.
// Events: BENCH_EVENTS focus.session.completed / focus.daily_goal.achieved / task.completed
// events of 100 users, in the 6 partitions of each topic, drained by the shared consumer as in
// production: BENCH_CONCURRENCY (3, the consumer's default) partitions at a time, each in order,
// in runs of at most 200 events sharing one transaction (the consumer given its database); and,
// for comparison, with one transaction per event (the consumer without it). Once with a
// focus-linked habit per user (each session checks a habit in), once without.
// Each event variant runs BENCH_ROUNDS times (3), interleaved, and its median is reported;
// BENCH_MODES=run leaves out the slow one-transaction-per-event comparison.
// BENCH_PARTS=list or BENCH_PARTS=events runs one half.
// Run: node bench/habits/list-and-events.ts
import { randomUUID } from 'node:crypto'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import { eventHandlers } from '../../habit-service/src/consumers/index.ts'
import { drain, partitionsOf } from './event-runs.ts'
import { percentile, seedYearOfHistory, startBenchService } from './service.ts'

const habitCount = Number(process.env.BENCH_HABITS ?? 1000)
const requests = Number(process.env.BENCH_REQUESTS ?? 1000)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const eventCount = Number(process.env.BENCH_EVENTS ?? 5000)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 3)
const parts = (process.env.BENCH_PARTS ?? 'list,events').split(',')
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const modes = (process.env.BENCH_MODES ?? 'run,event').split(',')

// The first read of the day is measured on the read path: the refresher's timer stays out of the way.
const service = await startBenchService()
const { app, db, base, userId, authorization } = service

async function timeGet(path: string) {
  const started = performance.now()
  const response = await fetch(`${base}${path}`, { headers: { authorization } })
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  await response.arrayBuffer()
  return performance.now() - started
}

/** The first read of each page after a day begins recomputes and stores its summaries: measured apart. */
async function warm() {
  let cursor: string | null = null
  const started = performance.now()
  let pages = 0
  do {
    const response = await fetch(`${base}/habits?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization },
    })
    cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor
    pages++
  } while (cursor)
  console.log(
    `first read of the day (recomputes ${habitCount} summaries from a year of check-ins): ${pages} pages of 200 in ${(performance.now() - started).toFixed(0)} ms`,
  )
}

async function sequential(path: string) {
  for (let i = 0; i < 50; i++) await timeGet(path)
  const times: number[] = []
  for (let i = 0; i < requests; i++) times.push(await timeGet(path))
  times.sort((a, b) => a - b)
  console.log(
    `  GET ${path.padEnd(22)} sequential  p50 ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms   max ${times[times.length - 1]?.toFixed(2)} ms   (${requests} requests)`,
  )
}

async function loaded(path: string) {
  const result = await autocannon({ url: `${base}${path}`, connections, duration: seconds, headers: { authorization } })
  console.log(
    `  GET ${path.padEnd(22)} ${connections} conns    p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   ${result.requests.average.toFixed(0)} req/s   non-2xx ${result.non2xx + result.errors}`,
  )
}

/** 100 new users, each with a focus-linked habit (so each session checks a habit in) when `linked`. */
async function newUsers(linked: boolean) {
  const users = Array.from({ length: 100 }, () => randomUUID())
  if (linked)
    await sql`
    insert into habits (id, user_id, name, kind, target, unit, target_type, schedule, start_date, focus_linked, position)
    select gen_random_uuid(), u::uuid, 'Focus an hour', 'measurable', 60, 'minutes', 'at_least', '{"type":"daily"}',
           current_date - 30, true, 0
    from unnest(${users}::text[]) as u`.execute(db)
  return users
}

/** Every session counted once: the users' session counters add up to the sessions sent. */
async function expectSessionsCounted(users: string[], sessions: number) {
  const { rows } = await sql<{ total: string | null }>`
    select sum(value) as total from achievement_progress
    where metric = 'focus_sessions' and user_id = any(${users}::uuid[])`.execute(db)
  if (Number(rows[0]?.total) !== sessions) throw new Error(`counted ${rows[0]?.total} sessions of ${sessions}`)
}

type Variant = { linked: boolean; mode: string }
const variants: Variant[] = [true, false].flatMap((linked) => modes.map((mode) => ({ linked, mode })))
const labelOf = ({ linked, mode }: Variant) =>
  `${linked ? 'with   ' : 'without'} a focus-linked habit, ${mode === 'run' ? 'one transaction per run  ' : 'one transaction per event'}`

/** Drains 80% sessions, 10% tasks, 10% daily goals of 100 fresh users through the shared consumer; answers events/s. */
async function events({ linked, mode }: Variant) {
  const users = await newUsers(linked)
  const perUser = Math.ceil(eventCount / users.length)
  const partitions = partitionsOf(users, perUser)
  const total = partitions.reduce((sum, queue) => sum + queue.length, 0)
  const handlers = eventHandlers()
  const runSize = mode === 'run' ? undefined : 1
  const seconds = await drain(partitions, { handlers, db, runSize, concurrency, log: app.log })
  const sessionsEach = Array.from({ length: perUser }, (_, n) => n % 10 < 8).filter(Boolean).length
  await expectSessionsCounted(users, users.length * sessionsEach)
  return total / seconds
}

/** Every variant once per round, side by side, then each variant's median. */
async function eventRounds() {
  const figures = new Map<Variant, number[]>(variants.map((variant) => [variant, []]))
  for (let round = 1; round <= rounds; round++) {
    for (const variant of variants) {
      const perSecond = await events(variant)
      figures.get(variant)?.push(perSecond)
      console.log(`  round ${round}  ${labelOf(variant)}: ${perSecond.toFixed(0)} events/s`)
    }
  }
  console.log(`medians of ${rounds} rounds (${eventCount} events each):`)
  for (const [variant, values] of figures) {
    const sorted = [...values].sort((a, b) => a - b)
    console.log(`  ${labelOf(variant)}: ${percentile(sorted, 50).toFixed(0)} events/s`)
  }
}

try {
  await seedYearOfHistory(db, userId, habitCount)
  if (parts.includes('list')) {
    await warm()
    console.log(`GET /habits, one user with ${habitCount} habits and a year of check-ins each`)
    await sequential('/habits')
    await sequential('/habits?limit=200')
    await loaded('/habits')
  }
  if (parts.includes('events')) {
    console.log(
      'event handling (80% sessions, 10% tasks, 10% daily goals; 100 users, each with or without a focus-linked habit)',
    )
    await eventRounds()
  }
} finally {
  await service.close()
}
