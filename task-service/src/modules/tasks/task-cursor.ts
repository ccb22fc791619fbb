import { CursorDouble, CursorId, CursorTimestamp, decodeKeysetCursor, encodeKeysetCursor } from '@focushub/shared/http'
import Type, { type Static, type TSchema } from 'typebox'
import type { ListTasksQuery } from './tasks.schemas.ts'

const positionIn = <Sort extends string, Key extends TSchema>(sort: Sort, key: Key) =>
  Type.Object({ sort: Type.Literal(sort), key, id: CursorId }, { additionalProperties: false })

/**
 * Where a page ended, per sort order: the sort it was read in, that sort's key of the last item
 * (in its column's type and range), and its id.
 */
const cursorOf = {
  created: positionIn('created', Type.Null()),
  '-created': positionIn('-created', Type.Null()),
  due: positionIn('due', Type.Union([CursorTimestamp, Type.Literal('infinity')])),
  priority: positionIn('priority', Type.Integer({ minimum: 0, maximum: 4 })),
  position: positionIn('position', CursorDouble),
}

type Sort = Static<typeof ListTasksQuery>['sort']
export type TaskCursor = Static<(typeof cursorOf)[keyof typeof cursorOf]>

/** What the list writes into a cursor; decoding holds it to `cursorOf[sort]`. */
interface TaskPosition {
  sort: Sort
  key: string | number | null
  id: string
}

export const encodeTaskCursor = (cursor: TaskPosition) => encodeKeysetCursor(cursor)

/** Reads a cursor; one made for another sort order, or forged, answers 400. */
export const decodeTaskCursor = (text: string, sort: Sort): TaskCursor =>
  decodeKeysetCursor(text, cursorOf[sort as keyof typeof cursorOf])
