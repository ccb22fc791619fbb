import type { FieldError } from '@focushub/shared/errors'
import { habitError } from '../../errors.ts'
import type { HabitKind, TargetType } from '../../schemas/habits.ts'

export interface MeasureFields {
  kind: HabitKind
  focusLinked: boolean
  target: number | null
  unit: string | null
  targetType: TargetType | null
}

/** The rules between a habit's kind and its target, beyond what the schema can say; 422 when broken. */
export function measureProblems(fields: MeasureFields): FieldError[] {
  const problems: FieldError[] = []
  if (fields.kind === 'boolean') {
    for (const name of ['target', 'unit', 'targetType'] as const) {
      if (fields[name] !== null) problems.push({ field: `/body/${name}`, message: 'belongs to measurable habits only' })
    }
    if (fields.focusLinked) problems.push({ field: '/body/focusLinked', message: 'needs a measurable habit' })
    return problems
  }
  if (fields.target === null) problems.push({ field: '/body/target', message: 'is required for a measurable habit' })
  if (fields.focusLinked) {
    if (fields.targetType === 'at_most')
      problems.push({ field: '/body/targetType', message: 'must be at_least for focus' })
    if (fields.target !== null && (!Number.isInteger(fields.target) || fields.target > 1440)) {
      problems.push({ field: '/body/target', message: 'must be whole focus minutes a day, at most 1440' })
    }
  }
  return problems
}

export function rejectProblems(problems: FieldError[]) {
  if (problems.length > 0)
    throw habitError('habit-fields-inconsistent', 'The habit does not hold together', { errors: problems })
}

/** What a create body leaves out: focus-linked habits measure minutes, at least the target. */
export function measureOfCreate(body: {
  kind?: HabitKind
  focusLinked?: boolean
  target?: number
  unit?: string
  targetType?: TargetType
}): MeasureFields {
  const focusLinked = body.focusLinked ?? false
  const kind = body.kind ?? (focusLinked || body.target !== undefined ? 'measurable' : 'boolean')
  const measurable = kind === 'measurable'
  return {
    kind,
    focusLinked,
    target: body.target ?? null,
    unit: body.unit ?? (focusLinked ? 'minutes' : null),
    targetType: body.targetType ?? (measurable ? 'at_least' : null),
  }
}
