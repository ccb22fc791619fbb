import { ManualPosition } from '@focushub/shared/db'
import { DateTime, LocalDate, PageQuery, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'
import { HabitKind, HabitSummary, Schedule, TargetType } from '../../schemas/habits.ts'

const Name = Type.String({ minLength: 1, maxLength: 100 })
const Description = Type.String({ maxLength: 1000 })
const Icon = Type.Union([Type.String({ minLength: 1, maxLength: 32 }), Type.Null()])
const Color = Type.Union([Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }), Type.Null()])
const Target = Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000_000 })
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
    kind: Type.Optional(HabitKind),
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

export const Habit = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  icon: Icon,
  color: Color,
  kind: HabitKind,
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
