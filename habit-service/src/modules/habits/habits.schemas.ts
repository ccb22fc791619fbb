import { ManualPosition } from '@focushub/shared/db'
import { DateTime, Defaulted, LocalDate, PositionCursor, pageQuery, Text, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'
import { HabitKind, HabitSummary, Schedule, TargetType } from '../../schemas/habits.ts'

const Name = Text({ minLength: 1, maxLength: 100, notBlank: true })
const Description = Text({ maxLength: 1000 })
const Icon = Type.Union([Text({ minLength: 1, maxLength: 32 }), Type.Null()])
const Color = Type.Union([Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }), Type.Null()])
const Target = Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000_000 })
const Unit = Text({ minLength: 1, maxLength: 20 })

const StartDate = {
  ...LocalDate,
  description: 'Within HABIT_START_DATE_RANGE_DAYS (default 366) of today, before or after; outside answers 422',
}

const present = (...names: string[]) => ({ anyOf: names.map((name) => ({ required: [name] })) })
const is = (name: string, value: unknown) => ({ properties: { [name]: { const: value } }, required: [name] })
/** "If the body is like `condition`, it must be like `consequence`", as plain JSON Schema. */
const implies = (condition: object, consequence: object) => ({ anyOf: [{ not: condition }, consequence] })

/**
 * measureProblems (habit-fields.ts) as the create body's schema: a yes/no habit has no target, unit,
 * target type or focus link; a focus-linked one is measurable, at least whole minutes (≤ 1440) a
 * day; and without a target the habit is yes/no (the kind a create without one gets).
 */
const createMeasureRules = [
  implies(is('kind', 'boolean'), {
    not: present('target', 'unit', 'targetType'),
    properties: { focusLinked: { const: false } },
  }),
  implies(is('focusLinked', true), {
    required: ['target'],
    properties: {
      kind: { const: 'measurable' },
      targetType: { const: 'at_least' },
      target: { type: 'integer', maximum: 1440 },
    },
  }),
  implies(
    { not: { required: ['target'] } },
    { not: present('unit', 'targetType'), properties: { kind: { const: 'boolean' }, focusLinked: { const: false } } },
  ),
]

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
  { additionalProperties: false, allOf: createMeasureRules },
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
  { ...pageQuery(PositionCursor.schema), archived: Defaulted(Type.Boolean({ default: false })) },
  { additionalProperties: false },
)
