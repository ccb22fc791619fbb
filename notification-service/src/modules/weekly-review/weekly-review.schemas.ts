import { cursorInt32, DateTime, keysetCursor, LocalDate, Page, pageQuery } from '@focushub/shared/http'
import Type, { type Static } from 'typebox'

const Count = (description: string) => Type.Integer({ minimum: 0, description })

/** A week's figures, each from the service that owns it (the internal routes of task-, focus- and habit-service). */
export const WeekFigures = Type.Object({
  focusMinutes: Count('Whole minutes of finished focus sessions, by local day'),
  focusSessions: Count('Finished focus sessions'),
  tasksDone: Count('Tasks completed that were mine to do: assigned to me, or unassigned and created by me'),
  habitsKept: Count('Done check-ins my habits asked for (each period up to its quota)'),
  habitsDue: Count(
    'Check-ins my habits asked for: each scheduled day, each weekly quota, a month or stretch ending in the week',
  ),
})
export type WeekFigures = Static<typeof WeekFigures>

export const WeeklyReview = Type.Object({
  weekStart: { ...LocalDate, description: 'The Monday of the local ISO week reviewed' },
  weekEnd: { ...LocalDate, description: 'Its Sunday' },
  ...WeekFigures.properties,
  previous: Type.Object(WeekFigures.properties, { description: 'The week before, as the review compared with it' }),
  createdAt: DateTime,
})

/** Where a page ended: the last week's Monday, as days since 1970-01-01. */
export const WeeklyReviewCursor = keysetCursor(cursorInt32)

export const WeeklyReviewListQuery = Type.Object(
  { ...pageQuery(WeeklyReviewCursor.schema) },
  { additionalProperties: false },
)

export const WeeklyReviewPage = Page(WeeklyReview)
