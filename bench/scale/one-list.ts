// One list, one user, requests one at a time: the client's p50/p99 over BENCH_SCALE_REQUESTS (300) requests
// to task-service on the scale database (seeded by run.ts), after 20 warm-up requests. For A/B runs of
// one request shape and for profiles: BENCH_SCALE_PATH (default: the power user's first page by
// priority, a merge of 30 projects), BENCH_SCALE_USER (power or typical), BENCH_SCALE_NODE_FLAGS
// (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": the service process's profile, written at its exit).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startTestJwks } from '@focushub/shared/testing'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import { percentile } from '../support/steady-rate.ts'
import { powerUser, typicalUser, userIdOf } from './seed.ts'

const path = process.env.BENCH_SCALE_PATH ?? '/tasks?limit=20&sort=priority'
const user = process.env.BENCH_SCALE_USER === 'typical' ? typicalUser : powerUser
const requests = Number(process.env.BENCH_SCALE_REQUESTS ?? 300)
const flags = (process.env.BENCH_SCALE_NODE_FLAGS ?? '').split(' ').filter(Boolean)

const jwks = await startTestJwks()
const url = new URL(loadServiceConfig(process.env).TASK_DATABASE_URL)
url.pathname = '/focushub_scale_tasks'
const child = spawn(process.execPath, [...flags, fileURLToPath(new URL('./server.ts', import.meta.url))], {
  env: {
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'warn',
    OUTBOX_RELAY_ENABLED: 'false',
    BENCH_SERVICE: 'tasks',
    TASK_DATABASE_URL: url.toString(),
  },
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
})
const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string]
const target = `${(JSON.parse(line) as { url: string }).url}${path}`
const authorization = `Bearer ${await jwks.sign(userIdOf(user), { expiresIn: '1h' })}`

const times: number[] = []
for (let i = 0; i < 20 + requests; i++) {
  const started = performance.now()
  const response = await fetch(target, { headers: { authorization } })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`)
  if (i >= 20) times.push(performance.now() - started)
}
times.sort((a, b) => a - b)
console.log(
  `${path}: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms (load ${loadavg()[0].toFixed(2)})`,
)
child.kill('SIGTERM')
await once(child, 'exit')
await jwks.close()
