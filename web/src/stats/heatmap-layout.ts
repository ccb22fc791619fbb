import { addDays } from './dates.ts'

export interface Heatmap {
  from: string
  to: string
  /** Focused minutes of each local day from `from` to `to`. */
  minutes: number[]
}

/** 0 for no focus, then 1–3 by the share of the daily goal, 4 for the goal reached. */
export function shade(value: number, goal: number) {
  if (value <= 0) return 0
  if (value >= goal) return 4
  return Math.min(3, 1 + Math.floor((value / goal) * 3))
}

/** Each day's date with its minutes. */
export const focusDays = (heatmap: Heatmap) =>
  heatmap.minutes.map((value, index) => ({ localDate: addDays(heatmap.from, index), value }))

/** The minutes of each month (YYYY-MM), for the text alternative. */
export function monthlyMinutes(heatmap: Heatmap) {
  const months = new Map<string, number>()
  for (const day of focusDays(heatmap)) {
    const month = day.localDate.slice(0, 7)
    months.set(month, (months.get(month) ?? 0) + day.value)
  }
  return months
}
