// BENCH_CLIENTS concurrent live streams on one gateway (half SSE, half WebSocket, one user each), then
// BENCH_RATE events per second for BENCH_SECONDS, each to one random connected user.
// Memory per connection: the gateway's RSS and heap after a full GC, idle vs. with every client connected.
// Latency: from the fan-out write (XADD + PUBLISH in Redis, what consumer group `gateway-live` does
// with each Kafka message) to the client's receipt; the Kafka leg is bench/events/end-to-end-latency.ts.
// The first second of events warms up and is not measured.
// Run: node bench/live/fan-out.ts   (BENCH_CLIENTS=5000 BENCH_RATE=500 BENCH_SECONDS=10; needs Redis and Kafka)
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { Agent, get } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { redisUserOf } from '@focushub/shared/config'
import { createEvent } from '@focushub/shared/events'
import { createRedis } from '@focushub/shared/redis'
import { startTestJwks } from '@focushub/shared/testing'
import { loadGatewayConfig } from '../../gateway/src/config.ts'
import { createLiveStreams } from '../../gateway/src/modules/live/live.streams.ts'
import { publicEventOf } from '../../gateway/src/modules/live/live-event.ts'

const clients = Number(process.env.BENCH_CLIENTS ?? 5000)
const rate = Number(process.env.BENCH_RATE ?? 500)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const prefix = `focushub:gateway:bench:live:${randomBytes(4).toString('hex')}:`
const sentAt = new Map<string, number>()
const latencies: number[] = []
let open = 0

type Memory = NodeJS.MemoryUsage
async function ask<T>(child: ChildProcess, question: 'memory' | 'delay') {
  child.send(question)
  const [answer] = (await once(child, 'message')) as [T]
  return answer
}
const memoryOf = (child: ChildProcess) => ask<Memory>(child, 'memory')

function received(json: string) {
  const id = (JSON.parse(json) as { id: string }).id
  const started = sentAt.get(id)
  if (started !== undefined) latencies.push(performance.now() - started)
}

const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })

function openSse(url: string, authorization: string) {
  return new Promise<void>((resolve, reject) => {
    get(`${url}/api/v1/events`, { agent, headers: { authorization } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE ${response.statusCode}`))
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (block.startsWith('event: ready')) {
            open++
            resolve()
          } else if (block.startsWith('id: ')) received(block.slice(block.indexOf('\ndata: ') + 7))
        }
      })
    }).on('error', reject)
  })
}

function openWs(url: string, ticket: string) {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/ws?ticket=${ticket}`)
    socket.addEventListener('message', ({ data }) => {
      const text = String(data)
      if (text.startsWith('{"kind":"ready"')) {
        open++
        resolve()
      } else if (text.startsWith('{"kind":"event"')) received(text.slice(text.indexOf('"event":') + 8, -1))
    })
    socket.addEventListener('error', () => reject(new Error('WebSocket failed')))
  })
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

const jwks = await startTestJwks()
const gateway = fork(new URL('./server.ts', import.meta.url).pathname, [], {
  execArgv: ['--expose-gc'],
  env: {
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'warn',
    // Its own topics and consumer groups (kept between runs), never the stack's.
    KAFKA_TOPIC_PREFIX: 'bench.live.',
    LIVE_REDIS_PREFIX: prefix,
    RATE_LIMIT_MAX: '10000000',
    RATE_LIMIT_REDIS_PREFIX: `${prefix}rate:`,
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
})
const gatewayConfig = loadGatewayConfig()
const redis = createRedis(gatewayConfig.REDIS_URL, 'bench-live', { user: redisUserOf(gatewayConfig, 'GATEWAY') })
try {
  const [{ url }] = (await once(gateway, 'message')) as [{ url: string }]
  const users = Array.from({ length: clients }, () => randomUUID())
  const tokens = await Promise.all(users.map((user) => jwks.bearer(user, { expiresIn: '1h' })))
  // Warm-up: one stream of each kind, so code paths and pools are loaded before the idle figure.
  await openSse(url, await jwks.bearer())
  await sleep(500)
  const idle = await memoryOf(gateway)

  const started = performance.now()
  for (let from = 0; from < clients; from += 250) {
    await Promise.all(
      users.slice(from, from + 250).map(async (_user, offset) => {
        const i = from + offset
        if (i % 2 === 0) return openSse(url, tokens[i])
        const response = await fetch(`${url}/api/v1/events/ticket`, {
          method: 'POST',
          headers: { authorization: tokens[i] },
        })
        return openWs(url, ((await response.json()) as { ticket: string }).ticket)
      }),
    )
  }
  const connectSeconds = (performance.now() - started) / 1000
  await sleep(1000)
  const loaded = await memoryOf(gateway)
  const perConnection = (field: keyof Memory) => ((loaded[field] - idle[field]) / clients / 1024).toFixed(1)
  console.log(
    `${open - 1} streams open (${clients / 2} SSE, ${clients / 2} WebSocket) in ${connectSeconds.toFixed(1)} s; ` +
      `per connection: RSS ${perConnection('rss')} KiB, heap ${perConnection('heapUsed')} KiB ` +
      `(gateway RSS ${(idle.rss / 2 ** 20).toFixed(0)} → ${(loaded.rss / 2 ** 20).toFixed(0)} MiB)`,
  )

  const writer = createLiveStreams(redis, { prefix, maxLength: 100, ttlMs: 60_000 })
  /** Sends `count` events at `rate` per second, each to one random connected user; the achieved rate. */
  async function send(count: number, measured: boolean) {
    const begin = performance.now()
    for (let i = 0; i < count; i++) {
      const wait = begin + (i * 1000) / rate - performance.now()
      if (wait > 1) await sleep(wait)
      const user = users[Math.floor(Math.random() * clients)]
      const { event } = createEvent(
        'habit.achievement.unlocked',
        {
          achievementId: 'bench',
          name: 'Bench',
          points: 1,
          totalPoints: 1,
          level: 1,
          unlockedAt: new Date().toISOString(),
        },
        { producer: 'bench', userId: user, requestId: 'bench' },
      )
      if (measured) sentAt.set(event.id, performance.now())
      void writer.append([{ eventId: event.id, json: publicEventOf(event), recipients: [user] }])
    }
    return count / ((performance.now() - begin) / 1000)
  }
  // One second of warm-up events, not measured (script load in Redis, JIT in both processes).
  await send(rate, false)
  await sleep(500)
  const total = rate * seconds
  await ask(gateway, 'delay')
  const ownDelay = monitorEventLoopDelay({ resolution: 10 })
  ownDelay.enable()
  const achieved = await send(total, true)
  await sleep(2000)
  const gatewayDelay = await ask<{ p99: number; max: number }>(gateway, 'delay')
  latencies.sort((a, b) => a - b)
  console.log(
    `${total} events at ${achieved.toFixed(0)}/s: ${latencies.length} delivered (${total - latencies.length} lost); ` +
      `latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, ` +
      `max ${latencies.at(-1)?.toFixed(1)} ms (target p99 ≤ 200 ms)`,
  )
  console.log(
    `event-loop delay p99/max: gateway ${gatewayDelay.p99.toFixed(0)}/${gatewayDelay.max.toFixed(0)} ms, ` +
      `this process ${(ownDelay.percentile(99) / 1e6).toFixed(0)}/${(ownDelay.max / 1e6).toFixed(0)} ms ` +
      `(a stall of either delays every event behind it; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
  )
} finally {
  gateway.kill('SIGTERM')
  await redis.quit()
  await jwks.close()
  agent.destroy()
  process.exit(0)
}
