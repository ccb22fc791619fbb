import { errors } from '@focushub/shared'

/** Where a page ended: the sort it was read in, that sort's key of the last item, and its id. */
export interface TaskCursor {
  sort: string
  key: string | number | null
  id: string
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export const encodeTaskCursor = (cursor: TaskCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url')

/** Reads a cursor; one made for another sort order, or forged, answers 400. */
export function decodeTaskCursor(text: string, sort: string): TaskCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<TaskCursor>
    const keyType = typeof cursor.key
    if (
      cursor.sort === sort &&
      typeof cursor.id === 'string' &&
      uuid.test(cursor.id) &&
      (cursor.key === null || keyType === 'string' || keyType === 'number')
    ) {
      return cursor as TaskCursor
    }
  } catch {}
  throw errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])
}
