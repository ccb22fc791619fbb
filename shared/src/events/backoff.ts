/**
 * A pause that `wake()` cuts short: loops sleep through it and stop promptly. A wake with no
 * one asleep is kept, so the next sleep returns at once (no signal is lost in between).
 */
export function createPause() {
  let wakeUp: (() => void) | undefined
  let woken = false
  return {
    sleep(ms: number) {
      if (woken) {
        woken = false
        return Promise.resolve()
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms)
        function done() {
          clearTimeout(timer)
          wakeUp = undefined
          resolve()
        }
        wakeUp = done
      })
    },
    wake() {
      if (wakeUp) wakeUp()
      else woken = true
    },
  }
}

/** Exponential backoff: `initial`, doubled per attempt, capped. */
export const backoff = (attempt: number, initial: number, cap = 5000) => Math.min(initial * 2 ** attempt, cap)
