// Drill 2: restart every service, then each gateway replica, one at a time, under GET load →
// zero failed requests. DRILL_RESTART=overlap (default) starts each replacement before the old
// process gets SIGTERM; DRILL_RESTART=stop-start uses `./focushub restart <name>` (stop, then start).
import { setTimeout as sleep } from 'node:timers/promises'
import { type Drill, seconds } from './drill.ts'
import { runJourneys } from './journeys.ts'
import { replaceProcess } from './replace.ts'
import type { Stack } from './stack.ts'
import { describeFailures, describeLoad, startGetLoad } from './traffic.ts'

const portVar: Record<string, string> = {
  'auth-service': 'AUTH_SERVICE_PORT',
  'task-service': 'TASK_SERVICE_PORT',
  'focus-service': 'FOCUS_SERVICE_PORT',
  'habit-service': 'HABIT_SERVICE_PORT',
  'notification-service': 'NOTIFICATION_SERVICE_PORT',
  'social-service': 'SOCIAL_SERVICE_PORT',
}

function portOf(stack: Stack, name: string) {
  if (portVar[name]) return Number(stack.env[portVar[name]])
  return Number(stack.env.GATEWAY_REPLICA_PORTS.split(',')[stack.gatewayNames.indexOf(name)])
}

async function restart(stack: Stack, name: string, mode: string) {
  const started = performance.now()
  if (mode === 'stop-start') {
    await stack.focushub('restart', name)
    return `${name} stop-start ${((performance.now() - started) / 1000).toFixed(1)} s`
  }
  const r = await replaceProcess(stack, name, portOf(stack, name))
  return `${name} pid ${r.oldPid} → ${r.newPid}: new one listening after ${r.startSeconds.toFixed(1)} s, old one drained in ${r.drainSeconds.toFixed(1)} s`
}

export const rollingRestart: Drill = {
  name: 'rolling-restart',
  summary: 'SIGTERM-restart every service and gateway one at a time under GET load: zero failed requests',
  async run({ stack, users, writers, rate, log }) {
    const mode = process.env.DRILL_RESTART ?? 'overlap'
    const names = [...stack.serviceNames, ...stack.gatewayNames]
    const load = startGetLoad(stack.publicUrl, users, rate)
    // Writes too: the writers keep creating and completing tasks and logging sessions throughout.
    let restarting = true
    const writes = runJourneys(stack.publicUrl, writers, () => !restarting)
    const steps: string[] = []
    let error: Error | undefined
    try {
      await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
      for (const name of names) {
        log(`restarting ${name} (${mode})`)
        const line = `${await restart(stack, name, mode)} (at ${load.elapsedMs()} ms)`
        steps.push(`  ${line}`)
        // Settle: the new process's pools, consumers and the balancer's health check catch up.
        await sleep(seconds('DRILL_SETTLE_SECONDS', 2) * 1000)
      }
    } catch (failure) {
      error = failure as Error
    }
    restarting = false
    const [report, written] = await Promise.all([load.stop(), writes])
    const posts =
      written.tasks.length + written.sessions.length + written.completedTasks.length + written.failures.length
    return {
      pass: !error && report.failures.length === 0 && written.failures.length === 0,
      figures: [
        `${report.failures.length} failed of ${report.sent} GET and ${written.failures.length} of ${posts} POST while ${names.length} processes restarted (${mode})`,
        describeLoad(report),
        ...describeFailures(report.failures),
        ...written.failures.slice(0, 10).map((failure) => `  ${failure}`),
        ...steps,
        ...(error ? [`stopped early: ${error.message}`] : []),
      ],
    }
  },
}
