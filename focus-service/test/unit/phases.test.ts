import { describe, expect, it } from 'vitest'
import { creditOf, phaseAt, phasesOf, planDurationMs } from '../../src/modules/sessions/phases.ts'
import type { Plan } from '../../src/modules/sessions/sessions.schemas.ts'

const plan: Plan = { workMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 }
const minute = 60_000

describe('phase math', () => {
  it('runs work and short breaks, then a long break after the last cycle', () => {
    expect(phasesOf(plan).map((span) => span.phase)).toEqual([
      'work',
      'short_break',
      'work',
      'short_break',
      'work',
      'short_break',
      'work',
      'long_break',
    ])
    expect(planDurationMs(plan)).toBe((4 * 25 + 3 * 5 + 15) * minute)
  })

  it('finds the phase at a moment of active time, with its cycle and bounds', () => {
    expect(phaseAt(plan, 0)).toMatchObject({ phase: 'work', cycle: 1, endMs: 25 * minute })
    expect(phaseAt(plan, 25 * minute)).toMatchObject({ phase: 'short_break', cycle: 1, endMs: 30 * minute })
    expect(phaseAt(plan, 30 * minute)).toMatchObject({ phase: 'work', cycle: 2 })
    expect(phaseAt(plan, 115 * minute)).toMatchObject({ phase: 'long_break', cycle: 4 })
    expect(phaseAt(plan, 130 * minute)).toBeNull()
  })

  it('credits only work time and counts work phases run to their end', () => {
    expect(creditOf(plan, 10 * minute)).toEqual({ focusedSeconds: 600, pomodoros: 0 })
    expect(creditOf(plan, 25 * minute)).toEqual({ focusedSeconds: 1500, pomodoros: 1 })
    expect(creditOf(plan, 28 * minute)).toEqual({ focusedSeconds: 1500, pomodoros: 1 })
    expect(creditOf(plan, 40 * minute)).toEqual({ focusedSeconds: 2100, pomodoros: 1 })
    expect(creditOf(plan, 130 * minute)).toEqual({ focusedSeconds: 6000, pomodoros: 4 })
  })

  it('makes a one-cycle plan a work phase and a long break', () => {
    const single = { ...plan, cyclesBeforeLongBreak: 1 }
    expect(phasesOf(single).map((span) => span.phase)).toEqual(['work', 'long_break'])
    expect(planDurationMs(single)).toBe(40 * minute)
  })
})
