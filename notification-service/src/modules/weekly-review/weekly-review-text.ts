import { DateTime } from 'luxon'
import type { NotificationDraft } from '../notifications/triggers.ts'
import type { WeekFigures } from './weekly-review.schemas.ts'

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`

/** Minutes as a person reads them: "45 min", "6 h", "6 h 20 min". */
export function duration(minutes: number) {
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60]
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/**
 * A figure against the week before: "+25 %", "−10 %", "±0 %", "new" when there was nothing before,
 * and "" when neither week had any.
 */
export function change(now: number, before: number) {
  if (now === 0 && before === 0) return ''
  if (before === 0) return 'new'
  const percent = Math.round(((now - before) / before) * 100)
  if (percent === 0) return '±0 %'
  return percent > 0 ? `+${percent} %` : `−${-percent} %`
}

const withChange = (text: string, now: number, before: number) => {
  const changed = change(now, before)
  return changed === '' ? text : `${text} (${changed})`
}

/** "30 November – 6 December 2026": the week's dates as one line. */
function weekSpan(weekStart: string) {
  const start = DateTime.fromISO(weekStart, { zone: 'UTC' })
  const end = start.plus({ days: 6 })
  const first = start.toFormat(start.year === end.year ? 'd MMMM' : 'd MMMM yyyy')
  return `${first} – ${end.toFormat('d MMMM yyyy')}`
}

/**
 * The weekly review: the week's focus, tasks done and habits kept, each against the week before.
 * The body's figures are a paragraph of "Label: value (change)" lines, which the e-mail's template
 * renders as a table; the trigger names the week, so it is told once however often its job runs.
 */
export function weeklyReview(
  userId: string,
  weekStart: string,
  week: WeekFigures,
  before: WeekFigures,
): NotificationDraft {
  const lines = [
    withChange(`Focus: ${duration(week.focusMinutes)}`, week.focusMinutes, before.focusMinutes),
    withChange(`Focus sessions: ${week.focusSessions}`, week.focusSessions, before.focusSessions),
    withChange(`Tasks done: ${week.tasksDone}`, week.tasksDone, before.tasksDone),
    withChange(`Habits kept: ${week.habitsKept} of ${week.habitsDue}`, week.habitsKept, before.habitsKept),
  ]
  return {
    userId,
    kind: 'weekly_review',
    triggerKey: `weekly:${weekStart}`,
    title: `Your week: ${duration(week.focusMinutes)} focused, ${plural(week.tasksDone, 'task')} done`,
    body: [`The week of ${weekSpan(weekStart)}, against the week before:`, lines.join('\n')].join('\n\n'),
    data: { weekStart, ...week },
    requestId: `weekly-review:${userId}:${weekStart}`,
  }
}
