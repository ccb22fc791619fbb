import type { Participant, RoomTimer } from './room-queries.ts'

export const phaseNames = { work: 'Focus', short_break: 'Short break', long_break: 'Long break' } as const

export const stateNames: Record<Participant['state'], string> = {
  focusing: 'Focusing',
  break: 'On a break',
  idle: 'Idle',
  away: 'Away',
}

/** The shared timer in a few words: "Focus, cycle 2", "Short break · paused", "Timer not running". */
export function timerSummary(timer: RoomTimer) {
  if (timer.status === 'idle' || !timer.phase) return 'Timer not running'
  const phase = timer.phase === 'work' ? `Focus, cycle ${timer.cycle}` : phaseNames[timer.phase]
  return timer.status === 'paused' ? `${phase} · paused` : phase
}

/** Seconds left in the phase: a paused timer holds `remainingSeconds`, a running one ends at `phaseEndsAt`. */
export function secondsLeft(timer: RoomTimer, now: number) {
  if (timer.status === 'running' && timer.phaseEndsAt)
    return Math.max(0, Math.ceil((Date.parse(timer.phaseEndsAt) - now) / 1000))
  return timer.remainingSeconds ?? 0
}

/** mm:ss, always five characters below 100 minutes (the display keeps its width). */
export const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`

/** The timer's actions by its state, as the API allows them (others answer 409 timer-action-not-allowed). */
export const allowedActions = {
  idle: ['start'],
  running: ['pause', 'skip', 'end'],
  paused: ['resume', 'skip', 'end'],
} as const
