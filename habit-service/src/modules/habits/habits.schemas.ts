import { DateTime, LocalDate, ManualPosition, PageQuery, Uuid, Version } from '@focushub/shared'
import Type from 'typebox'

const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday … 7 Sunday' })

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

const Name = Type.String({ minLength: 1, maxLength: 100 })
const Description = Type.String({ maxLength: 1000 })
const Icon = Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()])
const Color = Type.Union([Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }), Type.Null()])
const Kind = Type.Union([Type.Literal('boolean'), Type.Literal('measurable')])
const Target = Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000_000 })
const TargetType = Type.Union([Type.Literal('at_least'), Type.Literal('at_most')])
const Unit = Type.String({ minLength: 1, maxLength: 20 })

const StartDate = {
  ...LocalDate,
  description: 'Within HABIT_START_DATE_RANGE_DAYS (default 366) of today, before or after; outside answers 422',
}

export const CreateHabitBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Description),
    icon: Type.Optional(Icon),
    color: Type.Optional(Color),
    kind: Type.Optional(Kind),
    target: Type.Optional(Target),
    unit: Type.Optional(Unit),
    targetType: Type.Optional(TargetType),
    schedule: Type.Optional(Schedule),
    startDate: Type.Optional(StartDate),
    /** Checked in by focus sessions: measurable in minutes, target = minutes a day. */
    focusLinked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const UpdateHabitBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    icon: Type.Optional(Icon),
    color: Type.Optional(Color),
    target: Type.Optional(Target),
    unit: Type.Optional(Unit),
    targetType: Type.Optional(TargetType),
    schedule: Type.Optional(Schedule),
    startDate: Type.Optional(StartDate),
    archived: Type.Optional(Type.Boolean()),
    position: Type.Optional(ManualPosition),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)

const CheckInStatus = Type.Union([Type.Literal('done'), Type.Literal('skipped'), Type.Literal('partial')])

export const HabitSummary = Type.Object({
  unit: Type.Union([Type.Literal('days'), Type.Literal('weeks'), Type.Literal('months'), Type.Literal('periods')]),
  currentStreak: Type.Integer(),
  bestStreak: Type.Integer(),
  freezes: Type.Integer({ description: 'Streak freezes held, spent automatically on a missed period' }),
  dueToday: Type.Boolean(),
  today: Type.Union([
    Type.Object({ status: CheckInStatus, value: Type.Union([Type.Number(), Type.Null()]) }),
    Type.Null(),
  ]),
  period: Type.Union([
    Type.Object({ start: LocalDate, end: LocalDate, done: Type.Integer(), required: Type.Integer() }),
    Type.Null(),
  ]),
  lastBreak: Type.Union([Type.Object({ date: LocalDate, previousStreak: Type.Integer() }), Type.Null()]),
})

export const Habit = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  icon: Icon,
  color: Color,
  kind: Kind,
  target: Type.Union([Type.Number(), Type.Null()]),
  unit: Type.Union([Type.String(), Type.Null()]),
  targetType: Type.Union([TargetType, Type.Null()]),
  schedule: Schedule,
  startDate: LocalDate,
  focusLinked: Type.Boolean(),
  position: Type.Number(),
  archived: Type.Boolean(),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
  /** Streaks and today's status as of `today` in the owner's local day. */
  today: LocalDate,
  summary: HabitSummary,
})

export const HabitParams = Type.Object({ id: Uuid })

export const HabitListQuery = Type.Object(
  { ...PageQuery, archived: Type.Boolean({ default: false }) },
  { additionalProperties: false },
)
