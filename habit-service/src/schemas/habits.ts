import { LocalDate } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'

/**
 * What a habit is and stores (its kind, schedule, check-in statuses and summary): one schema
 * each, read by the tables, the modules and the routes alike.
 */
export const HabitKind = Type.Union([Type.Literal('boolean'), Type.Literal('measurable')])
export type HabitKind = Static<typeof HabitKind>

/** How a measurable habit's day value meets its target. */
export const TargetType = Type.Union([Type.Literal('at_least'), Type.Literal('at_most')])
export type TargetType = Static<typeof TargetType>

const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday … 7 Sunday' })

/** When a habit is meant to be done. */
export const Schedule = Type.Union([
  Type.Object({ type: Type.Literal('daily') }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('weekdays'), days: Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('times_per_week'), times: Type.Integer({ minimum: 1, maximum: 7 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('times_per_month'), times: Type.Integer({ minimum: 1, maximum: 31 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('every_n_days'), days: Type.Integer({ minimum: 2, maximum: 365 }) },
    { additionalProperties: false },
  ),
])
export type Schedule = Static<typeof Schedule>

export const CheckInStatus = Type.Union([Type.Literal('done'), Type.Literal('skipped'), Type.Literal('partial')])
export type CheckInStatus = Static<typeof CheckInStatus>

/** What a streak counts: days, or weeks / months / periods for the quota schedules. */
export const StreakUnit = Type.Union([
  Type.Literal('days'),
  Type.Literal('weeks'),
  Type.Literal('months'),
  Type.Literal('periods'),
])
export type StreakUnit = Static<typeof StreakUnit>

/** What the habit list shows of each habit, kept on its row and refreshed on write and once a day. */
export const HabitSummary = Type.Object({
  unit: StreakUnit,
  currentStreak: Type.Integer(),
  bestStreak: Type.Integer(),
  freezes: Type.Integer({ description: 'Streak freezes held, spent automatically on a missed period' }),
  dueToday: Type.Boolean(),
  today: Type.Union([
    Type.Object({ status: CheckInStatus, value: Type.Union([Type.Number(), Type.Null()]) }),
    Type.Null(),
  ]),
  /** The period containing today (a week for 3-a-week habits): days done and days it needs. */
  period: Type.Union([
    Type.Object({ start: LocalDate, end: LocalDate, done: Type.Integer(), required: Type.Integer() }),
    Type.Null(),
  ]),
  lastBreak: Type.Union([Type.Object({ date: LocalDate, previousStreak: Type.Integer() }), Type.Null()]),
})
export type HabitSummary = Static<typeof HabitSummary>
