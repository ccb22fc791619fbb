import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { HistoryPosition } from './history-cursor.ts'

export interface HistoryRange {
  from?: Date
  to?: Date
  after?: HistoryPosition
  /** Rows to read: the page size plus one, to tell whether another page follows. */
  rows: number
}

/**
 * A page of the user's sessions, newest start first: one backward range of focus_sessions_history
 * (user_id, started_at, id). The cursor is a row comparison, which bounds that range as an index
 * condition, so a page costs its own rows however long the history before it.
 */
export function sessionsOf(db: Kysely<Database>, userId: string, range: HistoryRange) {
  let query = db
    .selectFrom('focus_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(range.rows)
  if (range.from) query = query.where('started_at', '>=', range.from)
  if (range.to) query = query.where('started_at', '<', range.to)
  if (range.after) {
    const { startedAt, id } = range.after
    query = query.where(sql<boolean>`(started_at, id) < (${startedAt}, ${id}::uuid)`)
  }
  return query.execute()
}
