import type { FocusContext } from '../../context.ts'
import { focusError } from '../../errors.ts'
import { toSessionView } from '../sessions/session-view.ts'
import { sessionsOf } from './history.repository.ts'
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor.ts'

export interface HistoryFilter {
  from?: string
  to?: string
  cursor?: string
  limit: number
}

/** The user's sessions, newest start first, keyset-paginated so inserts never shift a page. */
export async function listHistory(ctx: FocusContext, userId: string, filter: HistoryFilter) {
  const from = filter.from ? new Date(filter.from) : undefined
  const to = filter.to ? new Date(filter.to) : undefined
  if (from && to && from >= to) {
    // Two instants a schema cannot compare: a well-formed query that asks for nothing, so 422.
    throw focusError('range-invalid', 'from must be before to', {
      errors: [{ field: '/querystring/from', message: 'is not before to' }],
    })
  }
  const after = filter.cursor ? decodeHistoryCursor(filter.cursor) : undefined
  const rows = await sessionsOf(ctx.db, userId, { from, to, after, rows: filter.limit + 1 })
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  const now = ctx.now()
  return {
    items: page.map((row) => toSessionView(row, now)),
    nextCursor:
      rows.length > filter.limit && last ? encodeHistoryCursor({ startedAt: last.started_at, id: last.id }) : null,
  }
}
