import Type from 'typebox'
import { errors } from '../errors.ts'
import { LocalDate } from './schemas.ts'

/** `?from=&to=`: a span of a user's local days, both included (internal routes asking about a week). */
export const LocalRangeQuery = Type.Object(
  {
    from: LocalDate,
    to: { ...LocalDate, description: 'The last local day of the span, included' },
  },
  { additionalProperties: false },
)

const dayMs = 86_400_000

/** Refuses a span that ends before it starts or is longer than `maxDays` (400, naming `to`). */
export function assertLocalRange(range: { from: string; to: string }, maxDays: number) {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / dayMs + 1
  if (days < 1 || days > maxDays) {
    throw errors.validation(`The span must be 1 to ${maxDays} days`, [
      { field: '/querystring/to', message: `is not between from and ${maxDays - 1} days after it` },
    ])
  }
}
