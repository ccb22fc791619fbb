import { CursorId, CursorTimestamp, decodeKeysetCursor, encodeKeysetCursor } from '@focushub/shared/http'
import Type from 'typebox'

/** Where a page of history ended: history runs newest start first, ties broken by id. */
export interface HistoryPosition {
  startedAt: Date
  id: string
}

const HistoryCursor = Type.Object({ s: CursorTimestamp, id: CursorId }, { additionalProperties: false })

export const encodeHistoryCursor = (position: HistoryPosition) =>
  encodeKeysetCursor({ s: position.startedAt.toISOString(), id: position.id })

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  const { s, id } = decodeKeysetCursor(cursor, HistoryCursor)
  return { startedAt: new Date(s), id }
}
