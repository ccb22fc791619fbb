import { useLayoutEffect, useRef } from 'react'
import { formatDate, longDate, minutes } from './dates.ts'
import { type Heatmap, layoutYear, shade } from './heatmap-layout.ts'

const cell = 12
const left = 28
const top = 16
const weekdayLabels = [
  [0, 'Mon'],
  [2, 'Wed'],
  [4, 'Fri'],
] as const

/**
 * The last year's focus, a week a column and Monday on top (at most 53 × 7), shaded against the
 * goal. Each day's title names its date and minutes; the image's label sums the year up, and a
 * visually hidden table gives each month's minutes.
 */
export function YearHeatmap({ heatmap, goal }: { heatmap: Heatmap; goal: number }) {
  const { days, weeks, months } = layoutYear(heatmap)
  // A narrow screen shows the newest weeks first, as it shows the newest bars.
  const frame = useRef<HTMLElement>(null)
  useLayoutEffect(() => {
    if (frame.current) frame.current.scrollLeft = frame.current.scrollWidth
  }, [])
  const focused = days.filter((day) => day.value > 0)
  const total = focused.reduce((sum, day) => sum + day.value, 0)
  const best = focused.reduce<(typeof days)[number] | undefined>(
    (top, day) => (day.value > (top?.value ?? 0) ? day : top),
    undefined,
  )
  const summary =
    `Focus from ${longDate(heatmap.from)} to ${longDate(heatmap.to)}: ${minutes(total)} on ${focused.length} ` +
    `${focused.length === 1 ? 'day' : 'days'}${best ? `, the most ${minutes(best.value)} on ${longDate(best.localDate)}` : ''}.`
  return (
    <figure className="heatmap">
      {/* Scrolls sideways on a narrow screen rather than shrinking the days out of sight. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes focus, so keys scroll it (WCAG 2.1.1) */}
      <section ref={frame} className="heatmap-frame" aria-label="Year heatmap" tabIndex={0}>
        <svg viewBox={`0 0 ${left + weeks * cell} ${top + 7 * cell}`} role="img" aria-label={summary}>
          {weekdayLabels.map(([row, label]) => (
            <text key={label} x={0} y={top + row * cell + cell - 3} className="axis">
              {label}
            </text>
          ))}
          {days.map(({ localDate, value, column, row }) => {
            // A month's name over the week of its 1st (none in the last week: no room to its right).
            const monthStarts = localDate.endsWith('-01') && column < weeks - 1
            return (
              <g key={localDate}>
                {monthStarts && (
                  <text x={left + column * cell} y={top - 5} className="axis">
                    {formatDate(localDate, { month: 'short' })}
                  </text>
                )}
                <rect
                  x={left + column * cell}
                  y={top + row * cell}
                  width={cell - 2}
                  height={cell - 2}
                  rx={2}
                  className={`level-${shade(value, goal)}`}
                >
                  <title>{`${longDate(localDate)}: ${minutes(value)}`}</title>
                </rect>
              </g>
            )
          })}
        </svg>
      </section>
      <figcaption className="muted legend">
        <span>Less</span>
        {[0, 1, 2, 3, 4].map((level) => (
          <svg key={level} viewBox="0 0 10 10" aria-hidden="true">
            <rect width={10} height={10} rx={2} className={`level-${level}`} />
          </svg>
        ))}
        <span>{`More (the last: the goal of ${minutes(goal)} reached)`}</span>
      </figcaption>
      {/* Hidden by its box: a table keeps its content's width whatever width it is given. */}
      <div className="visually-hidden">
        <table>
          <caption>Focus minutes per month</caption>
          <tbody>
            {[...months].map(([month, value]) => (
              <tr key={month}>
                <th scope="row">{formatDate(`${month}-01`, { month: 'long', year: 'numeric' })}</th>
                <td>{minutes(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
