import { cursorId, cursorTime, keysetCursor } from '@focushub/shared/http'
import type { ListPosition } from './relations.repository.ts'

/** Where a page of a list ended: the last entry's time (to the millisecond, as stored) and person. */
export const ConnectionsCursor = keysetCursor(cursorTime, cursorId)

export const encodeListCursor = (position: ListPosition) => ConnectionsCursor.encode([position.at, position.userId])

export function decodeListCursor(cursor: string): ListPosition {
  const [at, userId] = ConnectionsCursor.decode(cursor)
  return { at, userId }
}
