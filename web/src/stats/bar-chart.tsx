import { minutes } from './dates.ts'

export interface Bar {
  key: string
  /** The whole name of the bar ("Sun, Dec 6"), in its title and the table. */
  name: string
  /** The axis label under it, or '' for none. */
  tick: string
  value: number
}

const slot = 10
const height = 100

/**
 * Minutes as vertical bars, drawn in SVG that stretches to the width (no text inside, so nothing is
 * distorted; the ticks are HTML below it). Each bar's title names it and its minutes; for screen
 * readers the chart is one image with `summary` and a table of every bar, visually hidden.
 */
export function BarChart({ caption, summary, bars }: { caption: string; summary: string; bars: Bar[] }) {
  const top = Math.max(...bars.map((bar) => bar.value), 1)
  return (
    <figure className="bar-chart">
      <p className="muted chart-top" aria-hidden="true">
        {minutes(top)}
      </p>
      <svg viewBox={`0 0 ${bars.length * slot} ${height}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        {bars.map((bar, index) => {
          const barHeight = bar.value > 0 ? Math.max(1.5, (bar.value / top) * height) : 0.75
          return (
            <rect
              key={bar.key}
              className={bar.value > 0 ? 'bar' : 'bar empty'}
              x={index * slot + 1.5}
              y={height - barHeight}
              width={slot - 3}
              height={barHeight}
            >
              <title>{`${bar.name}: ${minutes(bar.value)}`}</title>
            </rect>
          )
        })}
      </svg>
      <div className="ticks" aria-hidden="true">
        {bars.map((bar) => (
          <span key={bar.key}>{bar.tick}</span>
        ))}
      </div>
      {/* Hidden by its box: a table keeps its content's width whatever width it is given. */}
      <div className="visually-hidden">
        <table>
          <caption>{caption}</caption>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">{bar.name}</th>
                <td>{minutes(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
