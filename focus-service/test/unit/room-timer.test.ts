import { AppError } from '@focushub/shared/errors'
import { describe, expect, it } from 'vitest'
import type { RoomTimerStatus } from '../../src/db/tables/rooms.ts'
import { untilNextSweep } from '../../src/modules/room-timer/phase-sweeper.ts'
import {
  advance,
  allowedTimerActions,
  applyTimerAction,
  isPhaseDue,
  type RoomTimerAction,
  type RoomTimerState,
  timerViewOf,
} from '../../src/modules/room-timer/room-timer.ts'
import { creditOf } from '../../src/modules/sessions/phases.ts'
import type { Plan } from '../../src/modules/sessions/sessions.schemas.ts'
import { activeMs, completeAt, endsAt, type TimerState } from '../../src/modules/sessions/timer.ts'

const plan: Plan = { workMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 2 }
const minute = 60_000
const t0 = new Date('2026-03-01T09:00:00Z')
const at = (minutes: number) => new Date(t0.getTime() + minutes * minute)

const idle: RoomTimerState = {
  timer_status: 'idle',
  phase: null,
  cycle: null,
  phase_started_at: null,
  phase_ends_at: null,
  phase_remaining_ms: null,
}
const started = applyTimerAction(plan, idle, 'start', t0).timer
const timerIn: Record<RoomTimerStatus, RoomTimerState> = {
  idle,
  running: started,
  paused: applyTimerAction(plan, started, 'pause', at(10)).timer,
}

const legal: Record<RoomTimerStatus, RoomTimerAction[]> = {
  idle: ['start'],
  running: ['pause', 'skip', 'end'],
  paused: ['resume', 'skip', 'end'],
}
const actions: RoomTimerAction[] = ['start', 'pause', 'resume', 'skip', 'end']

function refusal(attempt: () => unknown): AppError {
  try {
    attempt()
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a refusal')
}

/** Runs the timer through every phase change, from the state given, as the sweeper would. */
function runOut(timer: RoomTimerState) {
  const changes: { phase: string | null; cycle: number | null; change: string; startedAt: Date | null }[] = []
  let current = timer
  while (current.timer_status === 'running' && current.phase_ends_at) {
    const next = advance(plan, current, current.phase_ends_at)
    changes.push({
      phase: next.timer.phase,
      cycle: next.timer.cycle,
      change: next.change,
      startedAt: next.timer.phase_started_at,
    })
    current = next.timer
  }
  return changes
}

describe("the room's shared timer", () => {
  for (const status of Object.keys(legal) as RoomTimerStatus[]) {
    for (const action of actions) {
      if (legal[status].includes(action)) continue
      it(`${status} refuses ${action} with 409 naming the allowed actions and the status`, () => {
        const error = refusal(() => applyTimerAction(plan, timerIn[status], action, at(12)))
        expect(error).toBeInstanceOf(AppError)
        expect(error.status).toBe(409)
        expect(error.code).toBe('timer-action-not-allowed')
        expect(error.extras.details).toEqual({ timerStatus: status, allowedActions: legal[status] })
      })
    }
    it(`${status} allows exactly ${legal[status].join(', ')}`, () => {
      expect(allowedTimerActions(status)).toEqual(legal[status])
    })
  }

  it('starts in the first work phase, ending a work phase later', () => {
    expect(applyTimerAction(plan, idle, 'start', t0)).toEqual({
      timer: {
        timer_status: 'running',
        phase: 'work',
        cycle: 1,
        phase_started_at: t0,
        phase_ends_at: at(25),
        phase_remaining_ms: null,
      },
      change: 'started',
    })
  })

  it('keeps what the phase had left through a pause, and ends it that much after the resume', () => {
    const paused = applyTimerAction(plan, started, 'pause', at(10))
    expect(paused.change).toBe('paused')
    expect(paused.timer).toMatchObject({ timer_status: 'paused', phase_ends_at: null, phase_remaining_ms: 15 * minute })
    expect(timerViewOf(paused.timer)).toEqual({
      status: 'paused',
      phase: 'work',
      cycle: 1,
      phaseEndsAt: null,
      remainingSeconds: 900,
    })
    const resumed = applyTimerAction(plan, paused.timer, 'resume', at(40))
    expect(resumed.change).toBe('resumed')
    expect(resumed.timer).toMatchObject({ timer_status: 'running', phase_ends_at: at(55), phase_remaining_ms: null })
    expect(timerViewOf(resumed.timer).phaseEndsAt).toBe(at(55).toISOString())
  })

  it('runs work, short break, work, long break, then finishes, each phase from the end of the one before', () => {
    expect(runOut(started)).toEqual([
      { phase: 'short_break', cycle: 1, change: 'phase_ended', startedAt: at(25) },
      { phase: 'work', cycle: 2, change: 'phase_ended', startedAt: at(30) },
      { phase: 'long_break', cycle: 2, change: 'phase_ended', startedAt: at(55) },
      { phase: null, cycle: null, change: 'finished', startedAt: null },
    ])
  })

  it('advances a phase noticed late from the instant it ended, and only a phase that has ended', () => {
    const next = advance(plan, started, at(27))
    expect(next.timer).toMatchObject({ phase: 'short_break', phase_started_at: at(25), phase_ends_at: at(30) })
    expect(isPhaseDue(started, at(24))).toBe(false)
    expect(refusal(() => advance(plan, started, at(24))).status).toBe(409)
    expect(refusal(() => advance(plan, timerIn.paused, at(90))).status).toBe(409)
  })

  it('skips to the next phase running from now, and skipping the last long break finishes', () => {
    const skipped = applyTimerAction(plan, started, 'skip', at(3))
    expect(skipped).toMatchObject({
      change: 'skipped',
      timer: { timer_status: 'running', phase: 'short_break', cycle: 1, phase_ends_at: at(8) },
    })
    const fromPause = applyTimerAction(plan, timerIn.paused, 'skip', at(20))
    expect(fromPause.timer).toMatchObject({ timer_status: 'running', phase: 'short_break', phase_ends_at: at(25) })
    let timer = started
    for (let i = 0; i < 3; i++) timer = applyTimerAction(plan, timer, 'skip', at(1)).timer
    expect(timer.phase).toBe('long_break')
    expect(applyTimerAction(plan, timer, 'skip', at(1))).toEqual({ timer: idle, change: 'finished' })
  })

  it('ends into idle from any phase, running or paused', () => {
    expect(applyTimerAction(plan, started, 'end', at(3))).toEqual({ timer: idle, change: 'ended' })
    expect(applyTimerAction(plan, timerIn.paused, 'end', at(30))).toEqual({ timer: idle, change: 'ended' })
    expect(timerViewOf(idle)).toEqual({
      status: 'idle',
      phase: null,
      cycle: null,
      phaseEndsAt: null,
      remainingSeconds: null,
    })
  })
})

describe("a room session completed when the room's work phase ends", () => {
  const roomSession: Plan = { workMinutes: 25, shortBreakMinutes: 0, longBreakMinutes: 0, cyclesBeforeLongBreak: 1 }
  const running: TimerState = { status: 'running', startedAt: t0, pausedAt: null, pausedMs: 0, endedAt: null }

  it('credits the whole phase and one pomodoro when it ran from the start', () => {
    const done = completeAt(running, at(25))
    expect(done).toMatchObject({ status: 'completed', endedAt: at(25) })
    expect(creditOf(roomSession, activeMs(roomSession, done, at(40)))).toEqual({ focusedSeconds: 1500, pomodoros: 1 })
  })

  it("begins a late joiner's session where the phase is: it ends with the phase, credited from joining", () => {
    const late: TimerState = { ...running, startedAt: at(10), planOffsetMs: 10 * minute }
    expect(endsAt(roomSession, late)).toEqual(at(25))
    expect(activeMs(roomSession, late, at(20))).toBe(20 * minute)
    const done = completeAt(late, at(25))
    const credit = creditOf(roomSession, activeMs(roomSession, done, at(40)), late.planOffsetMs)
    expect(credit).toEqual({ focusedSeconds: 900, pomodoros: 0 })
  })

  it('ends a pause at the instant, and a pause begun after it never counts', () => {
    const paused = completeAt({ ...running, status: 'paused', pausedAt: at(20) }, at(25))
    expect(paused).toMatchObject({ status: 'completed', pausedAt: null, pausedMs: 5 * minute })
    const pausedLater = completeAt({ ...running, status: 'paused', pausedAt: at(26) }, at(25))
    expect(pausedLater.pausedMs).toBe(0)
  })

  it('refuses a finished session', () => {
    expect(refusal(() => completeAt({ ...running, status: 'completed', endedAt: at(20) }, at(25))).status).toBe(409)
  })
})

describe('when the phase sweep runs next', () => {
  const now = new Date('2026-03-01T09:00:00Z')
  const inMs = (ms: number) => new Date(now.getTime() + ms)

  it('wakes when the first running phase ends, looks again at least every interval, and never spins', () => {
    expect(untilNextSweep(inMs(120), now, 250)).toBe(120)
    expect(untilNextSweep(inMs(60_000), now, 250)).toBe(250)
    expect(untilNextSweep(null, now, 250)).toBe(250)
    // Due already (another replica holds the room): soon, not at once.
    expect(untilNextSweep(inMs(-5), now, 250)).toBe(20)
    expect(untilNextSweep(inMs(0), now, 250)).toBe(20)
  })
})
