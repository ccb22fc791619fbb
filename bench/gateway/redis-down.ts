// The gateway while its Redis is down: with RATE_LIMIT_REDIS_DOWN=serve, an authenticated GET is
// answered without its limit and without waiting on Redis, and GET /ready says degraded at once.
// The same GET and /ready while Redis is up, then with it stopped, one request at a time.
// Targets with Redis down: GET p99 under 250 ms, /ready p99 under 3,000 ms.
// Run: node bench/gateway/redis-down.ts   (BENCH_REQUESTS=50 per phase; starts a redis-server of its own)
import { randomUUID } from 'node:crypto'
import type { App } from '@focushub/shared/http'
import { freePort, redisServer } from '../../gateway/test/integration/redis-server.ts'
import {
  allServicesAt,
  bearer,
  startGateway,
  startJwks,
  startUpstream,
} from '../../gateway/test/integration/support.ts'

const requests = Number(process.env.BENCH_REQUESTS ?? 50)
const targets = { get: 250, ready: 3000 }

async function timed(gateway: App, url: string, headers: Record<string, string> = {}) {
  const timings: number[] = []
  for (let i = 0; i < requests; i++) {
    const started = performance.now()
    const response = await gateway.inject({ url, headers })
    if (response.statusCode >= 500) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`)
    timings.push(performance.now() - started)
  }
  timings.sort((a, b) => a - b)
  const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(timings.length * p))]
  return { p50: at(0.5), p99: at(0.99) }
}

const upstream = await startUpstream()
const jwks = await startJwks()
const redis = redisServer(await freePort())
await redis.start()
const gateway = await startGateway({
  AUTH_JWKS_URL: jwks.jwksUrl,
  ...allServicesAt(upstream.url),
  REDIS_URL: redis.url,
  RATE_LIMIT_REDIS_DOWN: 'serve',
})
try {
  const headers = bearer(await jwks.sign(randomUUID()))
  const up = { get: await timed(gateway, '/api/v1/tasks', headers), ready: await timed(gateway, '/ready') }
  await redis.stop()
  const down = { get: await timed(gateway, '/api/v1/tasks', headers), ready: await timed(gateway, '/ready') }
  const row = (figures: typeof up) => ({
    'GET p50 ms': figures.get.p50.toFixed(1),
    'GET p99 ms': figures.get.p99.toFixed(1),
    '/ready p50 ms': figures.ready.p50.toFixed(1),
    '/ready p99 ms': figures.ready.p99.toFixed(1),
  })
  console.table({ 'Redis up': row(up), 'Redis down': row(down) })
  const met = down.get.p99 < targets.get && down.ready.p99 < targets.ready
  console.log(
    `target with Redis down: GET p99 < ${targets.get} ms, /ready p99 < ${targets.ready} ms: ${met ? 'met' : 'MISSED'}`,
  )
  process.exitCode = met ? 0 : 1
} finally {
  await gateway.close()
  await redis.stop()
  await upstream.app.close()
  await jwks.app.close()
}
