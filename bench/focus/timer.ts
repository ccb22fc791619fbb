// focus-service's timer under load: 2,000 sessions running at once with the sweeper active, how
// long the sweeper takes to complete them all once due, and start/pause/resume/complete throughput.
// Run: node bench/focus/timer.ts   (SESSIONS=2000 IN_FLIGHT=32 CYCLES=500)
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { call, pool, startBenchService, summary } from './support.ts'

const sessions = Number(process.env.SESSIONS ?? 2000)
const inFlight = Number(process.env.IN_FLIGHT ?? 32)
const cycles = Number(process.env.CYCLES ?? 500)
const plan = { workMinutes: 1, shortBreakMinutes: 1, longBreakMinutes: 1, cyclesBeforeLongBreak: 1 }

const service = await startBenchService({ FOCUS_SWEEP_INTERVAL_MS: '1000' })
const users = await Promise.all(
  Array.from({ length: sessions }, async () => `Bearer ${await service.jwks.sign(randomUUID(), { expiresIn: '1h' })}`),
)

console.log(`focus-service timer bench: ${sessions} sessions, ${inFlight} requests in flight, sweeper every 1000 ms`)
let started = performance.now()
const startLatency: number[] = []
await pool(users, inFlight, async (authorization) => {
  const at = performance.now()
  await call(service.base, 'POST', '/focus/sessions', authorization, plan)
  startLatency.push(performance.now() - at)
})
let seconds = (performance.now() - started) / 1000
console.log(
  `  start ${sessions} sessions      ${(sessions / seconds).toFixed(0).padStart(6)} starts/s   ${summary(startLatency)}`,
)

const countRunning = async () =>
  Number(
    (
      await service.db
        .selectFrom('focus_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'running')
        .executeTakeFirstOrThrow()
    ).n,
  )
console.log(`  running at once                ${await countRunning()}`)

// Jump the service's clock past every session's end: all of them are due at once.
service.clock.skewMs = 3 * 60_000
started = performance.now()
while ((await countRunning()) > 0) await sleep(25)
seconds = (performance.now() - started) / 1000
const events = await service.db
  .selectFrom('outbox')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('type', '=', 'focus.session.completed')
  .executeTakeFirstOrThrow()
console.log(
  `  sweeper: all ${sessions} due → completed in ${seconds.toFixed(2)} s (includes up to 1 s until the next sweep); completed events: ${events.n}`,
)

const latency: Record<string, number[]> = { start: [], pause: [], resume: [], complete: [] }
const timed = async (name: string, work: () => Promise<Record<string, unknown>>) => {
  const at = performance.now()
  const result = await work()
  latency[name].push(performance.now() - at)
  return result
}
started = performance.now()
await pool(
  Array.from({ length: cycles }, (_, i) => users[i % users.length]),
  inFlight,
  async (authorization) => {
    const { id } = await timed('start', () => call(service.base, 'POST', '/focus/sessions', authorization, {}))
    await timed('pause', () =>
      call(service.base, 'POST', `/focus/sessions/${id}/pause`, authorization, { reason: 'bench' }),
    )
    await timed('resume', () => call(service.base, 'POST', `/focus/sessions/${id}/resume`, authorization))
    await timed('complete', () => call(service.base, 'POST', `/focus/sessions/${id}/complete`, authorization))
  },
)
seconds = (performance.now() - started) / 1000
console.log(
  `  ${cycles} start→pause→resume→complete cycles: ${((cycles * 4) / seconds).toFixed(0)} transitions/s, ${(cycles / seconds).toFixed(0)} cycles/s`,
)
for (const [name, samples] of Object.entries(latency)) console.log(`    ${name.padEnd(9)} ${summary(samples)}`)
await service.close()
