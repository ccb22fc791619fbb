// Redis stopped (redis-down, started again by `./focushub up`) or SIGKILLed
// (redis-kill, respawned by supervisord alone) under GET load → the gateways follow
// RATE_LIMIT_REDIS_DOWN (serve: every request served, /ready "degraded"; refuse: 503 problem+json)
// and recover by themselves once Redis is back.
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import { type Fault, killAndRespawn, stopThenUp } from './faults.ts'
import { type Stack, waitFor } from './stack.ts'
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

function redisDrill(name: string, fault: Fault): Drill {
  return {
    name,
    summary: `Redis ${fault.verb} under GET load: served per RATE_LIMIT_REDIS_DOWN, recovers by itself`,
    async run({ stack, users, rate, log }) {
      const policy = stack.env.RATE_LIMIT_REDIS_DOWN
      const load = startGetLoad(stack.publicUrl, users, rate)
      await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
      const faultAt = load.elapsedMs()
      const outage = await fault.make(stack, 'redis', log)
      /** Seconds from the fault until both gateways are ready and rate limiting again; undefined: not within the limit. */
      const recovery = () =>
        waitFor(
          async () =>
            (await gatewayReadiness(stack)).every((s) => s.status === 'ready') &&
            (await rateLimited(stack, users[0].token)),
          seconds('DRILL_RECOVERY_SECONDS', 30),
        ).then((after) => (after === undefined ? undefined : (performance.now() - outage.at) / 1000))
      // A killed Redis is back within a second or two: what the gateways say is read at once, only a
      // held outage must show in it, and the recovery is watched under the load.
      if (fault.holds) await sleep(seconds('DRILL_SECONDS', 10) * 1000)
      const during = await gatewayReadiness(stack)
      const login = await api(`${stack.publicUrl}/api/v1/auth/login`, 'POST', {
        email: users[0].email,
        password: 'drill password 1234',
      })
      const recoveredUnderLoad = fault.holds ? undefined : recovery()
      if (!fault.holds) await sleep(seconds('DRILL_SECONDS', 10) * 1000)
      const report = await load.stop()

      const healed = await outage.heal()
      const recovered = await (recoveredUnderLoad ?? recovery())
      const refusedRight = report.failures.every(
        (f) => f.outcome === '503' && f.contentType.startsWith('application/problem+json'),
      )
      const showedOutage = !fault.holds || during.every((s) => s.status === 'degraded' && s.degraded?.includes('redis'))
      const followedPolicy =
        policy === 'serve'
          ? report.failures.length === 0 && showedOutage
          : refusedRight && (report.failures.length > 0 || !fault.holds)
      return {
        pass: followedPolicy && recovered !== undefined,
        figures: [
          `policy ${policy}: ${report.failures.length} failed of ${report.sent} GET with Redis ${fault.verb} ${faultAt} ms in; ` +
            (recovered === undefined
              ? 'not recovered'
              : `gateways ready and rate limiting again ${recovered.toFixed(1)} s after the fault`),
          `Redis back: ${healed}`,
          describeLoad(report),
          ...describeFailures(report.failures),
          `gateways' /ready ${fault.holds ? 'during the outage' : 'right after the kill'}: ${describeReadiness(during).join('; ')}`,
          `a sign-in ${fault.holds ? 'during the outage' : 'right after the kill'} answered ${login.status}${login.status === 200 ? '' : ` ${JSON.stringify(login.body)}`}`,
        ],
      }
    },
  }
}

export const redisDown = redisDrill('redis-down', stopThenUp)
export const redisKill = redisDrill('redis-kill', killAndRespawn)
