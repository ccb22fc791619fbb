/** The clock a test service reads (its `now`), moved by hand: every service's harness has this one. */
export interface ManualClock {
  now(): Date
  set(instant: string | Date): void
  advanceMinutes(minutes: number): void
}

export function manualClock(start: string | Date = new Date()): ManualClock {
  let now = new Date(start)
  return {
    now: () => now,
    set(instant) {
      now = new Date(instant)
    },
    advanceMinutes(minutes) {
      now = new Date(now.getTime() + minutes * 60_000)
    },
  }
}
