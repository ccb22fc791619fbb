// Drill 1: SIGKILL one gateway replica under GET load through NGINX → no failed idempotent request.
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import { signalAndWait, waitFor } from './stack.ts'
import { describeFailures, describeLoad, startGetLoad } from './traffic.ts'

export const gatewayKill: Drill = {
  name: 'gateway-kill',
  summary: 'SIGKILL one gateway replica under GET load: zero failed GET',
  async run({ stack, users, rate, log }) {
    const victim = stack.gatewayNames.at(-1) as string
    const pid = stack.pidOf(victim, 'gateway/src/server.ts')
    if (!pid) return { pass: false, figures: [`${victim} is not running`] }
    // The balancer's admin listener (loopback), with its token.
    const lbStatusUrl = `http://127.0.0.1:${stack.env.LB_ADMIN_PORT}/lb/status`
    const lbAdminHeaders = { authorization: `Bearer ${stack.env.LB_ADMIN_TOKEN}` }
    const load = startGetLoad(stack.publicUrl, users, rate)
    await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
    const killedAt = load.elapsedMs()
    await signalAndWait(pid, 'SIGKILL', 5)
    log(`SIGKILL ${victim} (pid ${pid}) at ${killedAt} ms`)
    await sleep(seconds('DRILL_SECONDS', 10) * 1000)
    const report = await load.stop()

    const lb = await fetch(lbStatusUrl, { headers: lbAdminHeaders })
      .then((r) => r.json() as Promise<{ upstreams: { url: string; state: string }[] }>)
      .catch(() => undefined)
    log(`restarting ${victim} (./focushub restart ${victim})`)
    await stack.focushub('restart', victim)
    const back = await waitFor(async () => {
      const status = await fetch(lbStatusUrl, { headers: lbAdminHeaders }).then((r) => r.json())
      return (status as { upstreams: { state: string }[] }).upstreams.every((u) => u.state === 'up')
    }, 30)
    return {
      pass: report.failures.length === 0,
      figures: [
        `${report.failures.length} failed of ${report.sent} GET at ${rate}/s (${users.length} users), ${victim} killed ${killedAt} ms in`,
        describeLoad(report),
        ...describeFailures(report.failures),
        `balancer after the kill: ${lb ? lb.upstreams.map((u) => `${u.url} ${u.state}`).join(', ') : 'no answer'}`,
        `${victim} restarted and back in the balancer after ${back === undefined ? 'more than 30' : back.toFixed(1)} s`,
      ],
    }
  },
}
