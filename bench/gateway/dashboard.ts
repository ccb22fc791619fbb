// GET /api/v1/dashboard when one service is slow and one is down: the gateway answers at its deadline
// (DASHBOARD_DEADLINE_MS=400) with the sections that came back, never waiting for the slow service
// (2 s), beside the same route with every service answering at once. One request at a time.
// Target: with a slow and a stopped service, p99 under 1,500 ms.
// Run: node bench/gateway/dashboard.ts   (BENCH_REQUESTS=50 per side; needs Redis as ./focushub up provides it)
import { createServer } from 'node:net'
import { type App, createApp } from '@focushub/shared/http'
import { bearer, startGateway, startJwks } from '../../gateway/test/integration/support.ts'

const requests = Number(process.env.BENCH_REQUESTS ?? 50)
const targetMs = 1500
const apps: App[] = []

/** A service stand-in answering every GET with an empty page after `delayMs`. */
async function standIn(delayMs = 0) {
  const app = createApp({ service: 'stand-in', logLevel: 'silent' })
  app.get('/*', async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    return { items: [], nextCursor: null }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  apps.push(app)
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}

/** An address nothing listens on: a port taken, then freed. */
async function stopped() {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

const jwks = await startJwks()
try {
  const token = await jwks.sign()
  const fast = await standIn()
  const sides = {
    'every service fast': { FOCUS_SERVICE_URL: fast, HABIT_SERVICE_URL: fast },
    'one slow, one stopped': { FOCUS_SERVICE_URL: await standIn(2000), HABIT_SERVICE_URL: await stopped() },
  }
  const rows: Record<string, Record<string, string>> = {}
  for (const [name, services] of Object.entries(sides)) {
    const gateway = await startGateway({
      ...jwks.env,
      AUTH_SERVICE_URL: fast,
      TASK_SERVICE_URL: fast,
      ...services,
      DASHBOARD_DEADLINE_MS: '400',
    })
    apps.push(gateway)
    const timings: number[] = []
    for (let i = 0; i < requests; i++) {
      const started = performance.now()
      const response = await gateway.inject({ url: '/api/v1/dashboard', headers: bearer(token) })
      if (response.statusCode !== 200) throw new Error(`dashboard answered ${response.statusCode}: ${response.body}`)
      timings.push(performance.now() - started)
    }
    timings.sort((a, b) => a - b)
    const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(timings.length * p))].toFixed(1)
    rows[name] = { 'p50 ms': at(0.5), 'p99 ms': at(0.99) }
  }
  console.table(rows)
  const p99 = Number(rows['one slow, one stopped']['p99 ms'])
  console.log(
    `target: p99 under ${targetMs} ms with a slow and a stopped service: ${p99 < targetMs ? 'met' : 'MISSED'}`,
  )
  process.exitCode = p99 < targetMs ? 0 : 1
} finally {
  await Promise.all(apps.map((app) => app.close()))
  await jwks.close()
}
