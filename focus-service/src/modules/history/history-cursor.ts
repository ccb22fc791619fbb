import { decodeKeysetCursor, encodeKeysetCursor, isUuid } from '@focushub/shared'

/** Where a page of history ended: history runs newest start first, ties broken by id. */
export interface HistoryPosition {
  startedAt: Date
  id: string
}

export const encodeHistoryCursor = (position: HistoryPosition) =>
  encodeKeysetCursor({ s: position.startedAt.toISOString(), id: position.id })

export const decodeHistoryCursor = (cursor: string): HistoryPosition =>
  decodeKeysetCursor(cursor, (position) => {
    const { s, id } = (position ?? {}) as { s?: unknown; id?: unknown }
    const startedAt = new Date(String(s))
    return isUuid(id) && !Number.isNaN(startedAt.getTime()) ? { startedAt, id } : undefined
  })
