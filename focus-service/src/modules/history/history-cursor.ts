import { cursorId, cursorTime, keysetCursor } from '@focushub/shared/http'

/** Where a page of history ended: history runs newest start first, ties broken by id. */
export interface HistoryPosition {
  startedAt: Date
  id: string
}

export const HistoryCursor = keysetCursor(cursorTime, cursorId)

export const encodeHistoryCursor = (position: HistoryPosition) =>
  HistoryCursor.encode([position.startedAt, position.id])

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  const [startedAt, id] = HistoryCursor.decode(cursor)
  return { startedAt, id }
}
