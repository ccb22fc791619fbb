import { AppError } from '@focushub/shared/errors'
import { describe, expect, it } from 'vitest'
import type { SessionStatus } from '../../src/db/tables/focus-sessions.ts'
import type { Plan } from '../../src/modules/sessions/sessions.schemas.ts'
import {
  activeMs,
  allowedActions,
  applyAction,
  endsAt,
  expire,
  isDue,
  type TimerAction,
  type TimerState,
} from '../../src/modules/sessions/timer.ts'

const plan: Plan = { workMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 }
const minute = 60_000
const t0 = new Date('2026-03-01T09:00:00Z')
const at = (minutes: number) => new Date(t0.getTime() + minutes * minute)

const stateIn = (status: SessionStatus): TimerState => ({
  status,
  startedAt: t0,
  pausedAt: status === 'paused' ? at(10) : null,
  pausedMs: 0,
  endedAt: status === 'completed' || status === 'abandoned' ? at(20) : null,
})

const statuses: SessionStatus[] = ['running', 'paused', 'completed', 'abandoned']
const actions: TimerAction[] = ['pause', 'resume', 'complete', 'abandon']
const legal: Record<SessionStatus, Partial<Record<TimerAction, SessionStatus>>> = {
  running: { pause: 'paused', complete: 'completed', abandon: 'abandoned' },
  paused: { resume: 'running', complete: 'completed', abandon: 'abandoned' },
  completed: {},
  abandoned: {},
}

function refusal(attempt: () => unknown): AppError {
  try {
    attempt()
  } catch (error) {
    return error as AppError
  }
  throw new Error('expected a refusal')
}

describe('the timer state machine', () => {
  for (const status of statuses) {
    for (const action of actions) {
      const target = legal[status][action]
      if (target) {
        it(`${status} --${action}--> ${target}`, () => {
          expect(applyAction(stateIn(status), action, at(30)).status).toBe(target)
        })
      } else {
        it(`${status} refuses ${action} with 409 naming the allowed actions`, () => {
          const error = refusal(() => applyAction(stateIn(status), action, at(30)))
          expect(error).toBeInstanceOf(AppError)
          expect(error.status).toBe(409)
          expect(error.extras.details).toEqual({ sessionStatus: status, allowedActions: allowedActions(status) })
          expect(error.message).toContain(allowedActions(status).join(', ') || 'nothing')
        })
      }
    }
  }

  it('lists exactly the legal actions as allowed', () => {
    for (const status of statuses) expect(allowedActions(status).sort()).toEqual(Object.keys(legal[status]).sort())
  })

  it('does not count paused time: resume adds the pause to pausedMs', () => {
    const paused = applyAction(stateIn('running'), 'pause', at(10))
    expect(activeMs(plan, paused, at(50))).toBe(10 * minute)
    const resumed = applyAction(paused, 'resume', at(40))
    expect(resumed.pausedMs).toBe(30 * minute)
    expect(activeMs(plan, resumed, at(45))).toBe(15 * minute)
    expect(endsAt(plan, resumed)).toEqual(at(130 + 30))
  })

  it('ends a pause when a paused session completes or is abandoned', () => {
    for (const action of ['complete', 'abandon'] as const) {
      const ended = applyAction(applyAction(stateIn('running'), 'pause', at(10)), action, at(40))
      expect(ended).toMatchObject({ pausedAt: null, pausedMs: 30 * minute, endedAt: at(40) })
      expect(activeMs(plan, ended, at(500))).toBe(10 * minute)
    }
  })

  it('expires a running session at the instant its plan ran out, not when noticed', () => {
    const running = stateIn('running')
    expect(isDue(plan, running, at(129))).toBe(false)
    expect(isDue(plan, running, at(130))).toBe(true)
    expect(expire(plan, running, at(135))).toMatchObject({ status: 'completed', endedAt: at(130) })
  })

  it('refuses to expire a session not yet due, or not running', () => {
    expect(refusal(() => expire(plan, stateIn('running'), at(100))).status).toBe(409)
    for (const status of ['paused', 'completed', 'abandoned'] as const) {
      expect(isDue(plan, stateIn(status), at(1000))).toBe(false)
      expect(refusal(() => expire(plan, stateIn(status), at(1000))).status).toBe(409)
    }
  })

  it('caps active time at the plan length and never goes below zero', () => {
    expect(activeMs(plan, stateIn('running'), at(500))).toBe(130 * minute)
    expect(activeMs(plan, stateIn('running'), at(-5))).toBe(0)
  })
})
