import { PositionCursor } from '@focushub/shared/http'
import type { TaskSortName as Sort } from './task-list.repository.ts'

/**
 * Where a page ended, in any sort order: the last item's sort key (a number: the due time in ms,
 * Infinity for none; the priority; the position; 0 by creation) and its id. The same shape in
 * every sort, so that any cursor the declared pattern admits reads as a position in the sort asked
 * for (held to its column's range) rather than a 400 the document could not describe.
 */
export interface TaskCursor {
  sort: Sort
  /** In the sort's column type: an ISO time or ±infinity (due), an integer (priority), a double (position). */
  key: string | number | null
  id: string
}

/** Postgres `timestamptz` reads ISO years 1 to 9999; a forged time outside sorts with ±infinity. */
const firstTime = Date.parse('0001-01-01T00:00:00.000Z')
const lastTime = Date.parse('9999-12-31T23:59:59.999Z')

function dueKey(ms: number) {
  if (Number.isNaN(ms) || ms > lastTime) return 'infinity'
  if (ms < firstTime) return '-infinity'
  return new Date(ms).toISOString()
}

const priorityKey = (value: number) => (Number.isNaN(value) ? 0 : Math.min(4, Math.max(0, Math.round(value))))

const keyIn: Record<Sort, (key: number) => TaskCursor['key']> = {
  created: () => null,
  '-created': () => null,
  due: dueKey,
  priority: priorityKey,
  position: (key) => key,
}

const numberOf = (key: TaskCursor['key']) =>
  key === null ? 0 : typeof key === 'number' ? key : key === 'infinity' ? Infinity : Date.parse(key)

export const encodeTaskCursor = (cursor: TaskCursor) => PositionCursor.encode([numberOf(cursor.key), cursor.id])

/** Reads a cursor as a position in the sort asked for. */
export function decodeTaskCursor(text: string, sort: Sort): TaskCursor {
  const [key, id] = PositionCursor.decode(text)
  return { sort, key: keyIn[sort](key), id }
}
