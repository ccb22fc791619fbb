import type { Phase, Plan } from './sessions.schemas.ts'

export interface PhaseSpan {
  phase: Phase
  /** 1-based: the work cycle this phase belongs to (a break counts with the work before it). */
  cycle: number
  startMs: number
  endMs: number
}

const minute = 60_000

/** The phases of a plan, laid end to end from 0 ms of active (unpaused) time. */
export function phasesOf(plan: Plan): PhaseSpan[] {
  const spans: PhaseSpan[] = []
  let at = 0
  const push = (phase: Phase, cycle: number, minutes: number) => {
    spans.push({ phase, cycle, startMs: at, endMs: at + minutes * minute })
    at += minutes * minute
  }
  for (let cycle = 1; cycle <= plan.cyclesBeforeLongBreak; cycle++) {
    push('work', cycle, plan.workMinutes)
    push(
      cycle < plan.cyclesBeforeLongBreak ? 'short_break' : 'long_break',
      cycle,
      cycle < plan.cyclesBeforeLongBreak ? plan.shortBreakMinutes : plan.longBreakMinutes,
    )
  }
  return spans
}

/** Active milliseconds from start to the end of the long break: when the session completes by itself. */
export const planDurationMs = (plan: Plan) => phasesOf(plan).at(-1)?.endMs ?? 0

/** The phase running after `activeMs` of active time, or null once the plan has run out. */
export function phaseAt(plan: Plan, activeMs: number): PhaseSpan | null {
  return phasesOf(plan).find((span) => activeMs >= span.startMs && activeMs < span.endMs) ?? null
}

/**
 * What the plan's time from `fromMs` (where the session began in it: 0 but for a room phase joined late)
 * to `activeMs` earns: seconds spent in work phases, and work phases run from their start to their end.
 */
export function creditOf(plan: Plan, activeMs: number, fromMs = 0): { focusedSeconds: number; pomodoros: number } {
  let focusedMs = 0
  let pomodoros = 0
  for (const span of phasesOf(plan)) {
    if (span.phase !== 'work') continue
    focusedMs += Math.max(0, Math.min(activeMs, span.endMs) - Math.max(span.startMs, fromMs))
    if (activeMs >= span.endMs && span.startMs >= fromMs) pomodoros++
  }
  return { focusedSeconds: Math.floor(focusedMs / 1000), pomodoros }
}
