// habit-service at a local day change: one summary refresher pass over a year of history, then
// GET /habits latency, and for comparison the read path's lazy refresh of the same day change.
// The service runs in-process on port 0 against its own fresh schema of focushub_habits (dropped
// at the end), its clock injected; the relay is off and the refresher's timer never fires (the
// passes are called directly). Seed: BENCH_HABITS habits (default 1,000) of one user (UTC, no
// profile), each with a year of daily check-ins (every 10th day missed), written by SQL.
// Steps: a first pass computes every summary; the clock moves a day and one pass is timed (the
// work the refresher takes off the first request of the day); BENCH_REQUESTS sequential
// GET /habits (page of 50) and ?limit=200 on a keep-alive connection; then the clock moves
// another day and the first read of all pages (the read path's fallback) is timed.
// Run: node bench/habits/day-change.ts
import { loadavg } from 'node:os'
import type { HabitContext } from '../../habit-service/src/context.ts'
import { refreshDueSummaries } from '../../habit-service/src/modules/stats/summary-refresher.ts'
import { percentile, seedYearOfHistory, startBenchService } from './service.ts'

const habitCount = Number(process.env.BENCH_HABITS ?? 1000)
const requests = Number(process.env.BENCH_REQUESTS ?? 1000)
const day = 86_400_000

let now = new Date()
const clock = () => now
const service = await startBenchService(clock)
const { app, db, config, base, userId, authorization } = service
const ctx: HabitContext = { db, config, log: app.log, now: clock }
const load = () =>
  loadavg()
    .map((figure) => figure.toFixed(1))
    .join(' ')

async function timedPass(label: string) {
  const started = performance.now()
  const count = await refreshDueSummaries(ctx)
  console.log(`${label}: ${count} summaries in ${(performance.now() - started).toFixed(0)} ms`)
}

async function get(path: string) {
  const started = performance.now()
  const response = await fetch(`${base}${path}`, { headers: { authorization } })
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { nextCursor: string | null }
  return { ms: performance.now() - started, nextCursor: body.nextCursor }
}

async function sequential(path: string) {
  const first = await get(path)
  for (let i = 0; i < 50; i++) await get(path)
  const times: number[] = []
  for (let i = 0; i < requests; i++) times.push((await get(path)).ms)
  times.sort((a, b) => a - b)
  console.log(
    `  GET ${path.padEnd(18)} first ${first.ms.toFixed(1)} ms, then p50 ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms   (${requests} sequential)`,
  )
}

/** Every page of 200 once, as the first reads after the day changed with no refresher pass. */
async function lazyFirstRead() {
  const started = performance.now()
  let cursor: string | null = null
  do {
    cursor = (await get(`/habits?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).nextCursor
  } while (cursor)
  console.log(
    `first read of every page without a pass (the read path's fallback): ${(performance.now() - started).toFixed(0)} ms`,
  )
}

try {
  console.log(`load average at the start: ${load()}`)
  await seedYearOfHistory(db, userId, habitCount)
  await timedPass('first pass (no summary yet)')
  now = new Date(now.getTime() + day)
  await timedPass('pass after the day changed')
  await timedPass('second pass the same day')
  console.log(`GET /habits after the pass, one user with ${habitCount} habits and a year of check-ins each`)
  await sequential('/habits')
  await sequential('/habits?limit=200')
  now = new Date(now.getTime() + day)
  await lazyFirstRead()
  console.log(`load average at the end: ${load()}`)
} finally {
  await service.close()
}
