import { useLayoutEffect, useRef } from 'react'
import { type Cell, dateLabel, heatmapCells, monthName, weeks } from './habit-days.ts'
import type { HabitStats } from './habit-queries.ts'

const step = 13
const size = 11
const left = 30
const top = 16
/** Room for the last month's name, which starts at the last column. */
const right = 12
const rowLabels = [
  [0, 'Mon'],
  [2, 'Wed'],
  [4, 'Fri'],
] as const

const legend = [
  ['none', 'No check-in'],
  ['skipped', 'Skipped'],
  ['2', 'Part of the target'],
  ['4', 'Done'],
] as const

const stateNames = { done: 'done', partial: 'partly done', skipped: 'skipped' } as const

/** The week columns where a month begins, with its name. */
function monthStarts(cells: Cell[]) {
  return cells
    .filter((cell) => cell.date.endsWith('-01'))
    .map((cell) => ({ week: cell.week, name: monthName(cell.date) }))
}

/** A year of check-ins, hand-drawn: one square a day, shaded by the share of the target reached. */
export function YearHeatmap({ name, heatmap }: { name: string; heatmap: HabitStats['heatmap'] }) {
  const days = new Map(heatmap.days.map((day) => [day.date, day]))
  const cells = heatmapCells(heatmap.from, heatmap.to)
  const count = (status: keyof typeof stateNames) => heatmap.days.filter((day) => day.status === status).length
  const summary =
    `${name}, ${dateLabel(heatmap.from)} to ${dateLabel(heatmap.to)}: ${count('done')} days done, ` +
    `${count('partial')} partly done, ${count('skipped')} skipped`
  // A narrow screen shows the newest weeks first.
  const frame = useRef<HTMLElement>(null)
  useLayoutEffect(() => {
    if (frame.current) frame.current.scrollLeft = frame.current.scrollWidth
  }, [])
  return (
    <>
      {/* Scrolls sideways on a narrow screen rather than shrinking the days out of sight. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes focus, so keys scroll it (WCAG 2.1.1) */}
      <section ref={frame} className="heatmap-frame" aria-label="The year, a week a column" tabIndex={0}>
        <svg
          className="heatmap"
          viewBox={`0 0 ${left + weeks * step + right} ${top + 7 * step}`}
          role="img"
          aria-label={summary}
        >
          {monthStarts(cells).map(({ week, name: month }) => (
            <text key={week} x={left + week * step} y={top - 5} className="heatmap-label">
              {month}
            </text>
          ))}
          {rowLabels.map(([row, label]) => (
            <text key={row} x={0} y={top + row * step + size - 1} className="heatmap-label">
              {label}
            </text>
          ))}
          {cells.map(({ date, week, weekday }) => {
            const day = days.get(date)
            return (
              <rect
                key={date}
                x={left + week * step}
                y={top + weekday * step}
                width={size}
                height={size}
                rx={2}
                className={day ? `heat heat-${day.status === 'skipped' ? 'skipped' : day.level}` : 'heat heat-none'}
              >
                <title>{`${dateLabel(date)}: ${day ? stateNames[day.status] : 'no check-in'}`}</title>
              </rect>
            )
          })}
        </svg>
      </section>
      <p className="muted heatmap-legend">
        {legend.map(([shade, label]) => (
          <span key={shade}>
            <svg viewBox="0 0 10 10" aria-hidden="true">
              <rect width={10} height={10} rx={2} className={`heat heat-${shade}`} />
            </svg>
            {label}
          </span>
        ))}
      </p>
    </>
  )
}
