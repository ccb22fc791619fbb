import { eventsByUser } from '@focushub/shared/events'
import { describe, expect, it } from 'vitest'
import { longestRun, longestRunThrough } from '../../src/modules/achievements/goal-days.ts'
import { focusCredits, type SessionData } from '../../src/modules/check-ins/focus-credits.ts'
import { dayNumberOf } from '../../src/modules/habits/day-numbers.ts'

const habitA = { id: 'a', start_date: '2026-03-01' }
const habitB = { id: 'b', start_date: '2026-03-10' }

const session = (focusedMinutes: number, localDate: string, habitId: string | null = null) =>
  ({ focusedMinutes, localDate, habitId }) as SessionData

const asObject = (credits: Map<string, Map<string, number>>) =>
  Object.fromEntries([...credits].map(([habit, days]) => [habit, Object.fromEntries(days)]))

describe('focusCredits: minutes per focus-linked habit and day', () => {
  it.each<[string, SessionData[], Record<string, Record<string, number>>]>([
    [
      'a session naming no habit credits every linked one',
      [session(25, '2026-03-10')],
      { a: { '2026-03-10': 25 }, b: { '2026-03-10': 25 } },
    ],
    ['a session naming a habit credits only it', [session(25, '2026-03-10', 'a')], { a: { '2026-03-10': 25 } }],
    ['a session naming an unlinked habit credits none', [session(25, '2026-03-10', 'x')], {}],
    ['days before a habit starts are ignored', [session(25, '2026-03-05')], { a: { '2026-03-05': 25 } }],
    ['zero minutes credit nothing', [session(0, '2026-03-10')], {}],
    [
      'sessions of a day add up, days apart',
      [session(25, '2026-03-11', 'a'), session(40, '2026-03-10'), session(10, '2026-03-11')],
      { a: { '2026-03-11': 35, '2026-03-10': 40 }, b: { '2026-03-10': 40, '2026-03-11': 10 } },
    ],
  ])('%s', (_, sessions, expected) => {
    expect(asObject(focusCredits([habitA, habitB], sessions))).toEqual(expected)
  })

  it('does not depend on the order of the sessions', () => {
    const sessions = [session(25, '2026-03-11', 'a'), session(40, '2026-03-10'), session(10, '2026-03-11')]
    expect(asObject(focusCredits([habitA, habitB], [...sessions].reverse()))).toEqual(
      asObject(focusCredits([habitA, habitB], sessions)),
    )
  })
})

describe('longestRunThrough: the goal streak through new goal days', () => {
  const days = (...dates: string[]) => new Set(dates.map(dayNumberOf))
  it.each<[string, string[], string[], number]>([
    ['a lone day', ['2026-03-05'], ['2026-03-05'], 1],
    ['joins the days before and after', ['2026-03-04', '2026-03-05', '2026-03-06'], ['2026-03-05'], 3],
    ['the longest of several new days', ['2026-03-01', '2026-03-02', '2026-03-09'], ['2026-03-09', '2026-03-02'], 2],
    ['a gap ends the run', ['2026-03-01', '2026-03-03'], ['2026-03-03'], 1],
  ])('%s', (_, all, through, expected) => {
    expect(longestRunThrough(days(...all), through.map(dayNumberOf))).toBe(expected)
  })
})

describe('longestRun: the goal streak of the days still reached after a withdrawal', () => {
  it.each<[string, string[], number]>([
    ['no days', [], 0],
    ['a lone day', ['2026-03-05'], 1],
    ['unordered days join up', ['2026-03-06', '2026-03-04', '2026-03-05', '2026-03-01'], 3],
    ['the longer of two runs', ['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05', '2026-03-06'], 3],
  ])('%s', (_, dates, expected) => {
    expect(longestRun(dates.map(dayNumberOf))).toBe(expected)
  })
})

describe('eventsByUser', () => {
  it('groups by user in id order, keeping each user’s events in order', () => {
    const events = [
      { userId: 'u2', requestId: '1' },
      { userId: 'u1', requestId: '2' },
      { userId: 'u2', requestId: '3' },
    ]
    expect(eventsByUser(events)).toEqual([
      ['u1', [{ userId: 'u1', requestId: '2' }]],
      [
        'u2',
        [
          { userId: 'u2', requestId: '1' },
          { userId: 'u2', requestId: '3' },
        ],
      ],
    ])
  })
})
