// How a drill takes an infrastructure process (redis, kafka, mail-catcher) away and how it comes
// back: stopped through supervisord and started again by `./focushub up`, or SIGKILLed and
// respawned by supervisord with nobody's help.
import { seconds } from './drill.ts'
import { type Stack, signalAndWait, supervisorBringsBack } from './stack.ts'

export interface Outage {
  /** performance.now() when the process went away. */
  at: number
  /** Resolves once the process is back, with how it came back; throws when it did not. */
  heal(): Promise<string>
}

export interface Fault {
  /** How the summary says it: "stopped", "SIGKILLed". */
  verb: string
  /** True when the process stays away until `heal()`; false when supervisord brings it back by itself. */
  holds: boolean
  make(stack: Stack, name: string, log: (line: string) => void): Promise<Outage>
}

/** `./focushub ctl stop` (supervisord's stop signal, and it stays stopped), then `./focushub up`. */
export const stopThenUp: Fault = {
  verb: 'stopped',
  holds: true,
  async make(stack, name, log) {
    log(`stopping ${name} (./focushub ctl stop ${stack.fullNameOf(name)})`)
    await stack.ctl('stop', stack.fullNameOf(name))
    return {
      at: performance.now(),
      async heal() {
        log(`starting ${name} again (./focushub up)`)
        const started = performance.now()
        await stack.focushub('up')
        return `./focushub up took ${((performance.now() - started) / 1000).toFixed(1)} s`
      },
    }
  },
}

/** SIGKILL; supervisord notices the death and starts it again by itself. */
export const killAndRespawn: Fault = {
  verb: 'SIGKILLed',
  holds: false,
  async make(stack, name, log) {
    const pid = await stack.pidOf(name)
    if (!pid) throw new Error(`${name} is not running`)
    const at = performance.now()
    await signalAndWait(pid, 'SIGKILL', 5)
    log(`SIGKILL ${name} (pid ${pid}); supervisord brings it back`)
    const limit = seconds('DRILL_RECOVERY_SECONDS', 120)
    const back = supervisorBringsBack(stack, name, pid, stack.listenersOf(name), at, limit)
    return {
      at,
      async heal() {
        const comeback = await back
        if (typeof comeback === 'string') throw new Error(comeback)
        return (
          `supervisord respawned it ${comeback.respawned.toFixed(1)} s after the kill (pid ${comeback.newPid}), ` +
          `listening after ${comeback.serving.toFixed(1)} s, RUNNING after ${comeback.running.toFixed(1)} s`
        )
      },
    }
  },
}
