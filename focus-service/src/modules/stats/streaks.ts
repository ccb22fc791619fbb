import { addCalendarDays } from './calendar.ts'

/**
 * Goal streaks from the local dates whose goal was reached (ascending, distinct). The current
 * streak still counts when today is not reached yet: it ends at yesterday until today is over.
 */
export function goalStreaks(achievedDates: string[], today: string): { current: number; best: number } {
  let best = 0
  let run = 0
  let previous: string | undefined
  for (const date of achievedDates) {
    run = previous !== undefined && addCalendarDays(previous, 1) === date ? run + 1 : 1
    best = Math.max(best, run)
    previous = date
  }
  const last = achievedDates.at(-1)
  const current = last === today || (last !== undefined && addCalendarDays(last, 1) === today) ? run : 0
  return { current, best }
}
