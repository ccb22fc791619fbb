import { Swatch, YearHeatmap } from '../ui/year-heatmap.tsx'
import { dateLabel } from './habit-days.ts'
import type { HabitStats } from './habit-queries.ts'

const legend = [
  ['shade-0', 'No check-in'],
  ['shade-skipped', 'Skipped'],
  ['shade-2', 'Part of the target'],
  ['shade-4', 'Done'],
] as const

const stateNames = { done: 'done', partial: 'partly done', skipped: 'skipped' } as const

/** A habit's year of check-ins, each day shaded by the share of the target reached. */
export function HabitYear({ name, heatmap }: { name: string; heatmap: HabitStats['heatmap'] }) {
  const days = new Map(heatmap.days.map((day) => [day.date, day]))
  const count = (status: keyof typeof stateNames) => heatmap.days.filter((day) => day.status === status).length
  const summary =
    `${name}, ${dateLabel(heatmap.from)} to ${dateLabel(heatmap.to)}: ${count('done')} days done, ` +
    `${count('partial')} partly done, ${count('skipped')} skipped`
  return (
    <>
      <YearHeatmap
        from={heatmap.from}
        to={heatmap.to}
        summary={summary}
        label="The year, a week a column"
        day={(date) => {
          const day = days.get(date)
          return {
            shade: day ? (day.status === 'skipped' ? 'shade-skipped' : `shade-${day.level}`) : 'shade-0',
            title: `${dateLabel(date)}: ${day ? stateNames[day.status] : 'no check-in'}`,
          }
        }}
      />
      <p className="muted heatmap-legend">
        {legend.map(([shade, label]) => (
          <span key={shade}>
            <Swatch shade={shade} />
            {label}
          </span>
        ))}
      </p>
    </>
  )
}
