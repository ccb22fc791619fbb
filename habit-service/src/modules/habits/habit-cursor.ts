import { CursorDouble, CursorId, decodeKeysetCursor, encodeKeysetCursor } from '@focushub/shared'
import Type from 'typebox'

const PositionCursor = Type.Tuple([CursorDouble, CursorId])

/** A page cursor over a list ordered by (position, id): the last item's pair, opaque to clients. */
export const encodePositionCursor = (last: { position: number; id: string }) =>
  encodeKeysetCursor([last.position, last.id])

export function decodePositionCursor(cursor: string): { position: number; id: string } {
  const [position, id] = decodeKeysetCursor(cursor, PositionCursor)
  return { position, id }
}
