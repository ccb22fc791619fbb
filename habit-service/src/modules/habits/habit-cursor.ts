import { decodeKeysetCursor, encodeKeysetCursor, isUuid } from '@focushub/shared'

/** A page cursor over a list ordered by (position, id): the last item's pair, opaque to clients. */
export const encodePositionCursor = (last: { position: number; id: string }) =>
  encodeKeysetCursor([last.position, last.id])

export const decodePositionCursor = (cursor: string): { position: number; id: string } =>
  decodeKeysetCursor(cursor, (value) => {
    const [position, id] = Array.isArray(value) ? value : []
    return Number.isInteger(position) && isUuid(id) ? { position: position as number, id } : undefined
  })
