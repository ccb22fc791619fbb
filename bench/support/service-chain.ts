// The path of the live-delivery benches (bench/focus/rooms.ts, bench/social/messages.ts): two replicas of one
// service (its bench server, on one scratch schema, with their outbox relays) each behind a gateway of its own,
// and the stack's Postgres, Redis and Kafka. With it, a CPU sampler by part, a wait for a quiet machine, and
// calls as a client makes them through a gateway.
import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'
import { cpuSampler, cpuSeconds, freePort, spawnNode, spawnOnPort } from '../lb/support.ts'

/** Runs `task` over `items`, `inFlight` at a time. */
export async function inParallel<T>(items: T[], inFlight: number, task: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await task(items[next++])
    }),
  )
}

/** Someone calling through one of the chain's two gateways. */
export interface Caller {
  authorization: string
  gateway: number
}

export interface ServiceChainOptions {
  /** The service's bench server (it prints its URL as a JSON line), e.g. `bench/focus/rooms-server.ts`. */
  server: string
  /** The gateway's variable for the service's URL, e.g. `FOCUS_SERVICE_URL`. */
  urlVariable: string
  /** The service's name among the CPU parts, e.g. `focusService`. */
  part: string
  /** The service's Postgres role: its backends are the Postgres part (other work's are left out). */
  postgresUser: string
  /** The variables of every process (tokens' verifier, Kafka topic prefix …). */
  env: Record<string, string>
  /** The scratch schema both replicas use. */
  schema: string
  /** Keeps the gateways' Redis keys apart from the stack's. */
  prefix: string
}

export async function startServiceChain(options: ServiceChainOptions) {
  const replicas = await Promise.all(
    [0, 1].map(() => spawnNode(options.server, { ...options.env, BENCH_SCHEMA: options.schema }, 'url')),
  )
  const ports = [await freePort(), await freePort()]
  const gatewayProcesses = await Promise.all(
    ports.map((port, i) =>
      spawnOnPort('gateway/src/server.ts', port, {
        ...options.env,
        GATEWAY_PORT: String(port),
        [options.urlVariable]: replicas[i].value,
        RATE_LIMIT_MAX: '10000000',
        RATE_LIMIT_REDIS_PREFIX: `focushub:gateway:${options.prefix}:rate:`,
        LIVE_REDIS_PREFIX: `focushub:gateway:${options.prefix}:live:`,
        IDEMPOTENCY_REDIS_PREFIX: `focushub:gateway:${options.prefix}:idempotency:`,
      }),
    ),
  )
  const gateways = ports.map((port) => `http://127.0.0.1:${port}`)
  /** CPU seconds by part: the service's replicas, the gateways, Postgres (its role's backends), Kafka, this client. */
  const cpu = cpuSampler(
    {
      [options.part]: () => replicas.reduce((sum, { child }) => sum + cpuSeconds(child.pid as number), 0),
      gateways: () => gatewayProcesses.reduce((sum, { child }) => sum + cpuSeconds(child.pid as number), 0),
      clients: () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    },
    { postgres: { command: 'postgres', postgresUser: options.postgresUser }, kafka: { command: 'java' } },
  )
  /** Waits (up to a minute) until the parts use less than half a core together over a second; the seconds waited. */
  const settle = async () => {
    const begin = performance.now()
    for (let before = cpu.sample(); performance.now() - begin < 60_000; ) {
      await sleep(1000)
      const after = cpu.sample()
      const used = Object.values(cpu.between(before, after)).reduce((sum, seconds) => sum + seconds, 0)
      if (used < 0.5) break
      before = after
    }
    return Number(((performance.now() - begin) / 1000).toFixed(1))
  }
  const pools = gateways.map((url) => new Pool(url, { connections: 32 }))
  /** A call as the client makes it, through its gateway: the answer's JSON, or an error past 2xx. */
  async function call(caller: Caller, method: string, path: string, body?: unknown) {
    const response = await pools[caller.gateway].request({
      method: method as 'POST',
      path: `/api/v1${path}`,
      headers: {
        authorization: caller.authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.body.text()
    if (response.statusCode >= 300) throw new Error(`${method} ${path} → ${response.statusCode} ${text}`)
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }
  const closePools = () => Promise.all(pools.map((pool) => pool.close()))
  return { gateways, cpu, settle, call, closePools }
}
