// Drill 4: Redis stopped under GET load → the gateways follow RATE_LIMIT_REDIS_DOWN (serve: every
// request served, /ready "degraded"; refuse: 503 problem+json) and recover by themselves once Redis is back.
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import { type Stack, signalAndWait, waitFor } from './stack.ts'
import { api, describeFailures, describeLoad, startGetLoad } from './traffic.ts'

interface Readiness {
  status: string
  degraded?: string[]
  down?: string[]
}

async function gatewayReadiness(stack: Stack) {
  const ports = stack.env.GATEWAY_REPLICA_PORTS.split(',')
  return Promise.all(
    ports.map((port) =>
      fetch(`http://127.0.0.1:${port}/ready`)
        .then((r) => r.json() as Promise<Readiness>)
        .catch(() => ({ status: 'no answer' }) as Readiness),
    ),
  )
}

const describeReadiness = (states: Readiness[]) =>
  states.map(
    (s) =>
      `${s.status}${s.degraded?.length ? ` (degraded: ${s.degraded})` : ''}${s.down?.length ? ` (down: ${s.down})` : ''}`,
  )

/** Rate limiting is back when an answer carries the budget headers again. */
async function rateLimited(stack: Stack, token: string) {
  const response = await fetch(`${stack.publicUrl}/api/v1/habits`, { headers: { authorization: `Bearer ${token}` } })
  await response.arrayBuffer()
  return response.status === 200 && response.headers.has('ratelimit-remaining')
}

export const redisDown: Drill = {
  name: 'redis-down',
  summary: 'Redis stopped under GET load: served per RATE_LIMIT_REDIS_DOWN, recovers by itself',
  async run({ stack, users, rate, log }) {
    const policy = stack.env.RATE_LIMIT_REDIS_DOWN
    const pid = stack.pidOf('redis', 'redis-server')
    if (!pid) return { pass: false, figures: ['Redis is not running'] }
    const load = startGetLoad(stack.publicUrl, users, rate)
    await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
    const stoppedAt = load.elapsedMs()
    log(`stopping Redis (SIGTERM pid ${pid}) at ${stoppedAt} ms`)
    await signalAndWait(pid, 'SIGTERM', 30)
    await sleep(seconds('DRILL_SECONDS', 10) * 1000)
    const during = await gatewayReadiness(stack)
    const login = await api(`${stack.publicUrl}/api/v1/auth/login`, 'POST', {
      email: users[0].email,
      password: 'drill password 1234',
    })
    const outage = await load.stop()

    log('restarting Redis (./focushub up)')
    const restarted = performance.now()
    await stack.focushub('up')
    const redisBack = (performance.now() - restarted) / 1000
    const recovered = await waitFor(
      async () =>
        (await gatewayReadiness(stack)).every((s) => s.status === 'ready') &&
        (await rateLimited(stack, users[0].token)),
      seconds('DRILL_RECOVERY_SECONDS', 30),
    )
    const refusedRight = outage.failures.every(
      (f) => f.outcome === '503' && f.contentType.startsWith('application/problem+json'),
    )
    const followedPolicy =
      policy === 'serve'
        ? outage.failures.length === 0 && during.every((s) => s.status === 'degraded' && s.degraded?.includes('redis'))
        : refusedRight && outage.failures.length > 0
    return {
      pass: followedPolicy && recovered !== undefined,
      figures: [
        `policy ${policy}: ${outage.failures.length} failed of ${outage.sent} GET with Redis stopped ${stoppedAt} ms in; ` +
          (recovered === undefined
            ? 'not recovered'
            : `recovered ${(recovered + redisBack).toFixed(1)} s after the restart began (Redis up after ${redisBack.toFixed(1)} s)`),
        describeLoad(outage),
        ...describeFailures(outage.failures),
        `gateways' /ready during the outage: ${describeReadiness(during).join('; ')}`,
        `a sign-in during the outage answered ${login.status}${login.status === 200 ? '' : ` ${JSON.stringify(login.body)}`}`,
      ],
    }
  },
}
