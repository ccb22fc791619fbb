import { errors } from '@focushub/shared'
import type { FocusContext } from '../../context.ts'
import { toSessionView } from '../sessions/session-view.ts'
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
    throw errors.validation('from must be before to', [{ field: '/querystring/from', message: 'is not before to' }])
  }
  let query = ctx.db
    .selectFrom('focus_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
  if (from) query = query.where('started_at', '>=', from)
  if (to) query = query.where('started_at', '<', to)
  if (filter.cursor) {
    const after = decodeHistoryCursor(filter.cursor)
    query = query.where((eb) =>
      eb.or([
        eb('started_at', '<', after.startedAt),
        eb.and([eb('started_at', '=', after.startedAt), eb('id', '<', after.id)]),
      ]),
    )
  }
  const rows = await query.execute()
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  const now = ctx.now()
  return {
    items: page.map((row) => toSessionView(row, now)),
    nextCursor:
      rows.length > filter.limit && last ? encodeHistoryCursor({ startedAt: last.started_at, id: last.id }) : null,
  }
}
