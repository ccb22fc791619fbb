// SIGKILL one gateway replica under GET load through NGINX → no failed GET, and supervisord brings
// the replica back by itself: the drill measures how long until every balancer replica sends to it again.
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import { type Stack, signalAndWait, supervisorBringsBack, waitFor } from './stack.ts'
import { describeFailures, describeLoad, startGetLoad } from './traffic.ts'

interface BalancerStatus {
  upstreams: { url: string; state: string }[]
}

/** Every balancer replica's view of its upstreams (its admin listener, with the admin token); undefined: no answer. */
function balancerViews(stack: Stack) {
  const headers = { authorization: `Bearer ${stack.env.LB_ADMIN_TOKEN}` }
  return Promise.all(
    stack.balancerAdminUrls.map((url) =>
      fetch(`${url}/lb/status`, { headers })
        .then((r) => r.json() as Promise<BalancerStatus>)
        .catch(() => undefined),
    ),
  )
}

/**
 * Seconds from `killedAt` until every balancer replica counts the gateway on `port` up again after
 * having counted it out (down or ejected); `left` false when none ever did within `seconds`.
 */
async function balancerReturn(stack: Stack, port: number, killedAt: number, seconds: number) {
  let left = false
  const back = await waitFor(
    async () => {
      const states = (await balancerViews(stack)).map(
        (view) => view?.upstreams.find((u) => new URL(u.url).port === String(port))?.state,
      )
      left ||= states.some((state) => state !== 'up')
      return left && states.every((state) => state === 'up')
    },
    seconds,
    100,
  )
  return { left, back: back === undefined ? undefined : (performance.now() - killedAt) / 1000 }
}

const describeViews = (views: (BalancerStatus | undefined)[]) =>
  views
    .map(
      (view, i) =>
        `load-balancer-${i + 1}: ${view ? view.upstreams.map((u) => `${u.url} ${u.state}`).join(', ') : 'no answer'}`,
    )
    .join('; ')

export const gatewayKill: Drill = {
  name: 'gateway-kill',
  summary: 'SIGKILL one gateway replica under GET load: zero failed GET, supervisord brings it back',
  async run({ stack, users, rate, log }) {
    const victim = stack.gatewayNames.at(-1) as string
    const pid = await stack.pidOf(victim)
    if (!pid) return { pass: false, figures: [`${victim} is not running`] }
    const load = startGetLoad(stack.publicUrl, users, rate)
    await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
    const killedAtMs = load.elapsedMs()
    const killedAt = performance.now()
    await signalAndWait(pid, 'SIGKILL', 5)
    log(`SIGKILL ${victim} (pid ${pid}) at ${killedAtMs} ms`)
    const recoverySeconds = seconds('DRILL_RECOVERY_SECONDS', 30)
    const [listener] = stack.listenersOf(victim)
    const [comeback, balancer] = await Promise.all([
      supervisorBringsBack(stack, victim, pid, [listener], killedAt, recoverySeconds),
      balancerReturn(stack, listener.port, killedAt, recoverySeconds),
    ])
    // The load runs on for DRILL_SECONDS after the kill at least, so the replica's return is under load too.
    const rest = seconds('DRILL_SECONDS', 10) * 1000 - (performance.now() - killedAt)
    if (rest > 0) await sleep(rest)
    const report = await load.stop()
    const views = await balancerViews(stack)
    return {
      pass: report.failures.length === 0 && typeof comeback !== 'string' && balancer.back !== undefined,
      figures: [
        `${report.failures.length} failed of ${report.sent} GET at ${rate}/s (${users.length} users), ${victim} killed ${killedAtMs} ms in; ` +
          (balancer.back === undefined
            ? `not back in every balancer within ${recoverySeconds} s${balancer.left ? '' : ' (none counted it out)'}`
            : `back in every balancer ${balancer.back.toFixed(1)} s after the kill`),
        describeLoad(report),
        ...describeFailures(report.failures),
        typeof comeback === 'string'
          ? comeback
          : `supervisord: new pid ${comeback.newPid} after ${comeback.respawned.toFixed(1)} s, answering /health after ${comeback.serving.toFixed(1)} s, RUNNING after ${comeback.running.toFixed(1)} s`,
        `balancers at the end: ${describeViews(views)}`,
      ],
    }
  },
}
