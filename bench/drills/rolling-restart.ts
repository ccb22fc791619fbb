// `./focushub restart <component>` for every service, the gateways and the balancers, one component
// at a time, under GET load and task/focus writes → zero failed requests. The restart replaces a
// component's processes one at a time, each replacement listening before the old one gets SIGTERM;
// the drill checks that every process of the component has a new pid afterwards.
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import { describeWork } from './exactly-once.ts'
import { runJourneys } from './journeys.ts'
import type { Stack } from './stack.ts'
import { describeFailures, describeLoad, startGetLoad } from './traffic.ts'

/** The pid of each process of a component (`task-service` → task-service-1, task-service-2 …); 0: not running. */
async function pidsOf(stack: Stack, component: string, names?: string[]) {
  const processes =
    names ?? (await stack.processes()).filter((p) => p.fullName.startsWith(`${component}:`)).map((p) => p.name)
  // `ctl pid`, not the status lines: those show no pid while a process is STARTING.
  return Promise.all(processes.map(async (name) => ({ name, pid: (await stack.pidOf(name)) ?? 0 })))
}

async function restart(stack: Stack, component: string) {
  const before = await pidsOf(stack, component)
  if (before.length === 0) throw new Error(`supervisord runs no process of ${component}`)
  const started = performance.now()
  await stack.focushub('restart', component)
  const took = (performance.now() - started) / 1000
  const after = await pidsOf(
    stack,
    component,
    before.map((p) => p.name),
  )
  const kept = after.filter(({ pid }) => pid === 0 || before.some((old) => old.pid === pid))
  if (kept.length > 0)
    throw new Error(`after ./focushub restart ${component}: ${kept.map((p) => `${p.name} pid ${p.pid}`).join(', ')}`)
  return `${component} in ${took.toFixed(1)} s: ${before.map((old, i) => `${old.name} ${old.pid} → ${after[i].pid}`).join(', ')}`
}

export const rollingRestart: Drill = {
  name: 'rolling-restart',
  summary: './focushub restart every service, the gateways and the balancers under load: zero failed requests',
  async run({ stack, users, writers, rate, log }) {
    const components = [...stack.serviceNames, 'gateway', 'load-balancer']
    const load = startGetLoad(stack.publicUrl, users, rate)
    // Writes too: the writers keep creating and completing tasks and logging sessions throughout.
    let restarting = true
    const writes = runJourneys(stack, writers, () => !restarting)
    const steps: string[] = []
    let error: Error | undefined
    try {
      await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
      for (const component of components) {
        log(`./focushub restart ${component}`)
        steps.push(`  ${await restart(stack, component)} (at ${load.elapsedMs()} ms)`)
        // Settle: the new processes' pools, consumers and the balancer's health checks catch up.
        await sleep(seconds('DRILL_SETTLE_SECONDS', 2) * 1000)
      }
    } catch (failure) {
      error = failure as Error
    }
    restarting = false
    const [report, written] = await Promise.all([load.stop(), writes])
    return {
      pass: !error && report.failures.length === 0 && written.failures.length === 0,
      figures: [
        `${report.failures.length} failed of ${report.sent} GET and ${written.failures.length} of ${written.posts} POST while ${components.length} components restarted`,
        describeLoad(report),
        ...describeFailures(report.failures),
        describeWork(written, writers.length),
        ...written.failures.slice(0, 10).map((failure) => `  ${failure}`),
        ...steps,
        ...(error ? [`stopped early: ${error.message}`] : []),
      ],
    }
  },
}
