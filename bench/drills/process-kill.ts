// SIGKILL every Node process of the stack in turn (each replica of every service, each gateway, each
// balancer replica) under GET load and keyed writes through NGINX → no request fails, none is applied
// twice, no event is lost or applied twice, and supervisord has each process back, serving, within
// DRILL_BACK_SECONDS. One at a time: kill, wait until it is back and RUNNING, settle, next.
import { setTimeout as sleep } from 'node:timers/promises'
import { stats } from '../support/results.ts'
import { type Drill, seconds } from './drill.ts'
import { describeApplied, describeWork, waitUntilApplied } from './exactly-once.ts'
import { runJourneys } from './journeys.ts'
import { type Comeback, signalAndWait, supervisorBringsBack } from './stack.ts'
import { describeFailures, describeLoad, startGetLoad } from './traffic.ts'

interface Kill {
  name: string
  oldPid: number
  /** Milliseconds into the load. */
  atMs: number
  /** How it came back, or why it did not. */
  comeback: Comeback | string
}

const spread = (values: number[]) => {
  if (values.length === 0) return 'none'
  const { max, p50 } = stats(values)
  return `max ${max} s, median ${p50} s`
}

const describeKill = ({ name, oldPid, atMs, comeback }: Kill) =>
  typeof comeback === 'string'
    ? `  ${name} pid ${oldPid} killed at ${atMs} ms: ${comeback}`
    : `  ${name} pid ${oldPid} → ${comeback.newPid} (killed at ${atMs} ms): respawned ${comeback.respawned.toFixed(1)} s, ` +
      `serving ${comeback.serving.toFixed(1)} s, RUNNING ${comeback.running.toFixed(1)} s`

export const processKill: Drill = {
  name: 'process-kill',
  summary: 'SIGKILL each Node process in turn under GET load and keyed writes: nothing fails, each back within 5 s',
  async run({ stack, users, writers, rate, log }) {
    const names = stack.nodeProcessNames
    const supervised = await stack.processes()
    const absent = names.filter((name) => !supervised.some((p) => p.name === name && p.state === 'RUNNING'))
    if (absent.length > 0) return { pass: false, figures: [`not RUNNING under supervisord: ${absent.join(', ')}`] }
    const backSeconds = seconds('DRILL_BACK_SECONDS', 5)
    const load = startGetLoad(stack.publicUrl, users, rate)
    let killing = true
    const writes = runJourneys(stack, writers, () => !killing)
    const kills: Kill[] = []
    await sleep(seconds('DRILL_WARMUP_SECONDS', 3) * 1000)
    for (const name of names) {
      const oldPid = await stack.pidOf(name)
      if (!oldPid) {
        kills.push({ name, oldPid: 0, atMs: load.elapsedMs(), comeback: 'not running before its turn' })
        break
      }
      const atMs = load.elapsedMs()
      const killedAt = performance.now()
      await signalAndWait(oldPid, 'SIGKILL', 5)
      const comeback = await supervisorBringsBack(
        stack,
        name,
        oldPid,
        stack.listenersOf(name),
        killedAt,
        seconds('DRILL_RECOVERY_SECONDS', 30),
      )
      kills.push({ name, oldPid, atMs, comeback })
      log(describeKill(kills.at(-1) as Kill).trim())
      // A process that did not come back would make every later kill a second outage: stop here.
      if (typeof comeback === 'string') break
      await sleep(seconds('DRILL_SETTLE_SECONDS', 1) * 1000)
    }
    killing = false
    const [report, work] = await Promise.all([load.stop(), writes])
    const drainSeconds = seconds('DRILL_DRAIN_SECONDS', 180)
    const applied = await waitUntilApplied(stack, work, drainSeconds)

    const back = kills.flatMap(({ comeback }) => (typeof comeback === 'string' ? [] : [comeback]))
    const late = kills.filter(({ comeback }) => typeof comeback === 'string' || comeback.serving > backSeconds)
    const allKilled = kills.length === names.length
    return {
      pass:
        allKilled &&
        late.length === 0 &&
        report.failures.length === 0 &&
        work.failures.length === 0 &&
        applied.seconds !== undefined,
      figures: [
        `${report.failures.length} failed of ${report.sent} GET, ${work.failures.length} failed of ${work.posts} keyed POST, ` +
          `${applied.last.duplicatedTitles.length} tasks applied twice; ${kills.length} of ${names.length} processes killed, ` +
          `back in ${back.length ? `${Math.max(...back.map((c) => c.serving)).toFixed(1)} s at most` : '—'} ` +
          `(limit ${backSeconds} s${late.length ? `; late or not back: ${late.map((k) => k.name).join(', ')}` : ''})`,
        describeLoad(report),
        ...describeFailures(report.failures),
        describeWork(work, writers.length),
        ...work.failures.slice(0, 10).map((failure) => `  ${failure}`),
        `back (new pid listening on its ports, its own /health answering): ${spread(back.map((c) => c.serving))}; ` +
          `respawned ${spread(back.map((c) => c.respawned))}; RUNNING (startsecs after the respawn) ${spread(back.map((c) => c.running))}`,
        ...kills.map(describeKill),
        applied.seconds === undefined
          ? `events not all applied once within ${drainSeconds} s of the last kill`
          : `every event applied once ${applied.seconds.toFixed(1)} s after the load stopped`,
        ...describeApplied(applied.last, work),
      ],
    }
  },
}
