import { Swatch, YearHeatmap } from '../ui/year-heatmap.tsx'
import { formatDate, longDate, minutes } from './dates.ts'
import { focusDays, type Heatmap, monthlyMinutes, shade } from './heatmap-layout.ts'

/**
 * The last year's focus, shaded against the goal. Each day's title names its date and minutes;
 * the image's label sums the year up, and a visually hidden table gives each month's minutes.
 */
export function FocusYear({ heatmap, goal }: { heatmap: Heatmap; goal: number }) {
  const days = focusDays(heatmap)
  const byDate = new Map(days.map((day) => [day.localDate, day.value]))
  const focused = days.filter((day) => day.value > 0)
  const total = focused.reduce((sum, day) => sum + day.value, 0)
  const best = focused.reduce<(typeof focused)[number] | undefined>(
    (top, day) => (day.value > (top?.value ?? 0) ? day : top),
    undefined,
  )
  const summary =
    `Focus from ${longDate(heatmap.from)} to ${longDate(heatmap.to)}: ${minutes(total)} on ${focused.length} ` +
    `${focused.length === 1 ? 'day' : 'days'}${best ? `, the most ${minutes(best.value)} on ${longDate(best.localDate)}` : ''}.`
  return (
    <figure className="focus-year">
      <YearHeatmap
        from={heatmap.from}
        to={heatmap.to}
        summary={summary}
        label="Year heatmap"
        day={(date) => {
          const value = byDate.get(date) ?? 0
          return { shade: `shade-${shade(value, goal)}`, title: `${longDate(date)}: ${minutes(value)}` }
        }}
      />
      <figcaption className="muted heatmap-legend">
        <span>Less</span>
        {[0, 1, 2, 3, 4].map((level) => (
          <Swatch key={level} shade={`shade-${level}`} />
        ))}
        <span>{`More (the last: the goal of ${minutes(goal)} reached)`}</span>
      </figcaption>
      {/* Hidden by its box: a table keeps its content's width whatever width it is given. */}
      <div className="visually-hidden">
        <table>
          <caption>Focus minutes per month</caption>
          <tbody>
            {[...monthlyMinutes(heatmap)].map(([month, value]) => (
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
