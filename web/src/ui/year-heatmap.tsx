import { useLayoutEffect, useRef } from 'react'
import { yearGrid } from './year-grid.ts'
import './year-heatmap.css'

const step = 13
const size = 11
const left = 28
const top = 16
const rowLabels = [
  [0, 'Mon'],
  [2, 'Wed'],
  [4, 'Fri'],
] as const

const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' })

/** How one day is drawn: its shade (`shade-0` … `shade-4`, `shade-skipped`) and its title. */
export interface HeatmapDay {
  shade: string
  title: string
}

/**
 * A year of days, hand-drawn: one titled square a day, a week a column, Monday on top, each
 * month named over the week of its 1st. It scrolls sideways on a narrow screen (newest weeks
 * first) rather than shrinking the days out of sight; `summary` is the image's text alternative.
 */
export function YearHeatmap({
  from,
  to,
  day,
  summary,
  label,
}: {
  from: string
  to: string
  day: (date: string) => HeatmapDay
  summary: string
  /** The scrolling region's name. */
  label: string
}) {
  const { days, weeks } = yearGrid(from, to)
  const frame = useRef<HTMLElement>(null)
  useLayoutEffect(() => {
    if (frame.current) frame.current.scrollLeft = frame.current.scrollWidth
  }, [])
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes focus, so keys scroll it (WCAG 2.1.1)
    <section ref={frame} className="year-heatmap" aria-label={label} tabIndex={0}>
      <svg viewBox={`0 0 ${left + weeks * step} ${top + 7 * step}`} role="img" aria-label={summary}>
        {rowLabels.map(([row, name]) => (
          <text key={name} x={0} y={top + row * step + size - 2} className="year-heatmap-label">
            {name}
          </text>
        ))}
        {days.map(({ date, column, row }) => {
          const { shade, title } = day(date)
          // No name in the last week: no room to its right.
          const monthStarts = date.endsWith('-01') && column < weeks - 1
          return (
            <g key={date}>
              {monthStarts && (
                <text x={left + column * step} y={top - 5} className="year-heatmap-label">
                  {monthName.format(Date.parse(`${date}T00:00:00Z`))}
                </text>
              )}
              <rect
                x={left + column * step}
                y={top + row * step}
                width={size}
                height={size}
                rx={2}
                className={`shade ${shade}`}
              >
                <title>{title}</title>
              </rect>
            </g>
          )
        })}
      </svg>
    </section>
  )
}

/** A legend's sample of a shade. */
export function Swatch({ shade }: { shade: string }) {
  return (
    <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
      <rect width={10} height={10} rx={2} className={`shade ${shade}`} />
    </svg>
  )
}
