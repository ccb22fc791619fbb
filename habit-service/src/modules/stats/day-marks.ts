import type { CheckInStatus, TargetType } from '../../schemas/habits.ts'

/** What one day's check-in counts for: its status and its credit (0–1) toward the habit's score. */
export interface DayMark {
  status: CheckInStatus
  credit: number
}

export type DayMarks = Map<number, DayMark>

export interface Measure {
  target: number | null
  targetType: TargetType | null
}

/** Whether a measured value meets the habit's target: at least it, or at most it. */
export function meetsTarget(value: number, measure: Measure): boolean {
  if (measure.target === null) return value > 0
  return measure.targetType === 'at_most' ? value <= measure.target : value >= measure.target
}

/** The share of the day's target a check-in reached: at-least targets credit partial progress. */
export function creditOf(status: CheckInStatus, value: number | null, measure: Measure): number {
  if (status === 'done') return 1
  if (status === 'skipped' || value === null || measure.target === null) return 0
  if (measure.targetType === 'at_most') return 0
  return Math.min(1, Math.max(0, value / measure.target))
}
