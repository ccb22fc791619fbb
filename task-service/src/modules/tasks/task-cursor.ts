import { decodeKeysetCursor, encodeKeysetCursor, isUuid } from '@focushub/shared'

/** Where a page ended: the sort it was read in, that sort's key of the last item, and its id. */
export interface TaskCursor {
  sort: string
  key: string | number | null
  id: string
}

export const encodeTaskCursor = (cursor: TaskCursor) => encodeKeysetCursor(cursor)

/** Reads a cursor; one made for another sort order, or forged, answers 400. */
export function decodeTaskCursor(text: string, sort: string): TaskCursor {
  return decodeKeysetCursor(text, (position) => {
    const cursor = (position ?? {}) as Partial<TaskCursor>
    const keyType = typeof cursor.key
    const keyed = cursor.key === null || keyType === 'string' || keyType === 'number'
    return cursor.sort === sort && isUuid(cursor.id) && keyed ? (cursor as TaskCursor) : undefined
  })
}
