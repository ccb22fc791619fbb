// Two real gateway processes (gateway/src/server.ts, as ./focushub runs them) in front of a real
// task-service process on a schema of its own, for the balancer comparison. Postgres, Redis and Kafka
// are the running stack's; the JWKS is served from the bench process (a test key, as the gateway
// bench does), so the bench neither depends on nor disturbs the stack's auth-service and
// task-service, which other people restart while they work.
import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import { Pool } from 'undici'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import { migrations } from '../../task-service/src/db/migrations/index.ts'
import type { Database } from '../../task-service/src/db/tables.ts'
import { freePort, spawnNode, spawnOnPort } from './support.ts'

export interface GatewayPair {
  /** host:port of each gateway. */
  gateways: string[]
  /** Process ids: the gateways', and task-service's. */
  pids: { gateways: number[]; taskService: number }
  /** The authenticated request the load sends. */
  path: string
  headers: Record<string, string>
  close(): Promise<void>
}

async function createTasks(gateway: string, headers: Record<string, string>, count: number) {
  const pool = new Pool(`http://${gateway}`)
  for (let i = 1; i <= count; i++) {
    const response = await pool.request({
      method: 'POST',
      path: '/api/v1/tasks',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Benchmark task ${i}`, description: 'A task the balancer bench lists' }),
    })
    const text = await response.body.text()
    if (response.statusCode !== 201) throw new Error(`creating a task answered ${response.statusCode}: ${text}`)
  }
  await pool.close()
}

/**
 * Starts task-service and 2 gateways, and one user with `tasks` tasks; the load lists 20 of them.
 * The gateways' per-user rate limit is raised out of the way (the load is one user), and their
 * Redis keys and Kafka topics get a prefix of their own.
 */
export async function startGatewayPair(tasks = 30): Promise<GatewayPair> {
  const jwks = await startTestJwks()
  const prefix = `bench-lb-${process.pid}`
  const common = {
    ...jwks.env,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    OUTBOX_RELAY_ENABLED: 'false',
  }
  const database = await createTestDatabase<Database>(loadServiceConfig(common).TASK_DATABASE_URL, migrations)
  const close = async () => {
    await jwks.close()
    await database.destroy()
    await deleteKafkaNamespace(`${prefix}.`)
  }
  try {
    const service = await spawnNode('bench/tasks/server.ts', { ...common, BENCH_SCHEMA: database.schema }, 'url')
    const ports = [await freePort(), await freePort()]
    const started = await Promise.all(
      ports.map((port) =>
        spawnOnPort('gateway/src/server.ts', port, {
          ...common,
          GATEWAY_PORT: String(port),
          TASK_SERVICE_URL: service.value,
          RATE_LIMIT_MAX: '10000000',
          RATE_LIMIT_REDIS_PREFIX: `focushub:gateway:${prefix}:rate:`,
          LIVE_REDIS_PREFIX: `focushub:gateway:${prefix}:live:`,
          IDEMPOTENCY_REDIS_PREFIX: `focushub:gateway:${prefix}:idempotency:`,
        }),
      ),
    )
    const gateways = ports.map((port) => `127.0.0.1:${port}`)
    const headers = { authorization: `Bearer ${await jwks.sign(undefined, { expiresIn: '1h' })}` }
    await createTasks(gateways[0], headers, tasks)
    return {
      gateways,
      pids: { gateways: started.map(({ child }) => child.pid as number), taskService: service.child.pid as number },
      path: '/api/v1/tasks?limit=20',
      headers,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
