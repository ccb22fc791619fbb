import type { Static } from 'typebox'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { HabitSummary } from '../../schemas/habits.ts'
import type { Habit } from './habits.schemas.ts'

/** A habit row as the API shows it; the summary must be fresh for `today`. */
export function toHabit(row: HabitRow): Static<typeof Habit> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    icon: row.icon,
    color: row.color,
    kind: row.kind,
    target: row.target,
    unit: row.unit,
    targetType: row.target_type,
    schedule: row.schedule,
    startDate: row.start_date,
    focusLinked: row.focus_linked,
    position: row.position,
    archived: row.archived_at !== null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    today: row.summary_as_of as string,
    summary: row.summary as HabitSummary,
  }
}
