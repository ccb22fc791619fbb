import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { formatDate, minutes } from './dates.ts'
import { useWeeklyReviews, type WeeklyReview } from './stats-queries.ts'

const weeksShown = 8

/** A figure against the week before, as the review's e-mail says it: "+25 %", "−10 %", "±0 %", "new", or nothing. */
export function change(now: number, before: number) {
  if (now === 0 && before === 0) return ''
  if (before === 0) return 'new'
  const percent = Math.round(((now - before) / before) * 100)
  if (percent === 0) return '±0 %'
  return percent > 0 ? `+${percent} %` : `−${-percent} %`
}

const weekName = (review: WeeklyReview) =>
  `${formatDate(review.weekStart, { month: 'short', day: 'numeric' })} – ${formatDate(review.weekEnd, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  })}`

function Figure({ text, now, before }: { text: string; now: number; before: number }) {
  const changed = change(now, before)
  return (
    <td>
      {text}
      {changed && <span className="muted change">{` ${changed}`}</span>}
    </td>
  )
}

/** The last weeks' reviews (the weekly review's rows): focus, tasks done, habits kept, each against the week before. */
export function WeeklyReviews() {
  const reviews = useWeeklyReviews(weeksShown)
  return (
    <section aria-labelledby="weekly-reviews-heading">
      <h2 id="weekly-reviews-heading">Weekly reviews</h2>
      <FormMessage message={formMessage(reviews.error)} />
      {reviews.data?.length === 0 && (
        <p className="muted">No weekly review yet: the first comes on the day set under Settings, Notifications.</p>
      )}
      {reviews.data && reviews.data.length > 0 && (
        <div className="weekly-reviews">
          <table>
            <caption className="visually-hidden">The last weeks, each against the week before</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Focus</th>
                <th scope="col">Tasks done</th>
                <th scope="col">Habits kept</th>
              </tr>
            </thead>
            <tbody>
              {reviews.data.map((review) => (
                <tr key={review.weekStart}>
                  <th scope="row">{weekName(review)}</th>
                  <Figure
                    text={minutes(review.focusMinutes)}
                    now={review.focusMinutes}
                    before={review.previous.focusMinutes}
                  />
                  <Figure
                    text={review.tasksDone.toLocaleString()}
                    now={review.tasksDone}
                    before={review.previous.tasksDone}
                  />
                  <Figure
                    text={`${review.habitsKept} of ${review.habitsDue}`}
                    now={review.habitsKept}
                    before={review.previous.habitsKept}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
