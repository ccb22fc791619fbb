// An account's export (notification-service's `exports` module builds the ZIP): each service answers its
// part, page by page, on GET /internal/users/{userId}/export, with one shape and one cursor for all.
import { type Kysely, sql } from 'kysely'
import Type, { type Static, type TSchema } from 'typebox'
import Value from 'typebox/value'
import { errors } from './errors.ts'
import { type App, Defaulted, problems, Uuid } from './http/index.ts'

/** One kind of a service's data of a user (`tasks`, `check-ins`), read in a stable order after a key. */
export interface ExportCollection<Key = unknown> {
  /** The file's name in the ZIP (`<service>/<name>.json` and `.csv`): lower-case words joined by `-`. */
  name: string
  /** What a position in the collection is (the key of its order): a cursor's key is checked against it. */
  key: TSchema
  /** Up to `limit` items after `after` (from the start without it), in the key's order, as the public API shows them. */
  read(userId: string, after: Key | undefined, limit: number): Promise<Record<string, unknown>[]>
  /** The key of an item `read` returned: where the next page starts. */
  keyOf(item: Record<string, unknown>): Key
}

/** A collection read at once (one row or a few per user): its one page is all of it. */
export const wholeCollection = (
  name: string,
  read: (userId: string) => Promise<Record<string, unknown>[]>,
): ExportCollection<null> => ({
  name,
  key: Type.Null(),
  read: async (userId, after) => (after === undefined ? read(userId) : []),
  keyOf: () => null,
})

/** A collection ordered by its items' ids (UUIDv7: the order they were made in). */
export const idKey = { key: Uuid, keyOf: (item: Record<string, unknown>) => item.id as string }

/**
 * A collection of one table's rows of a user, by id: `where <user> = $1 and id > $after order by id`, one
 * range of an index on (user, id) (or (user, id desc), read backward). `toItem` shows a row as the API does.
 */
export function rowsOfUser<DB, Row>(
  db: Kysely<DB>,
  collection: { name: string; table: string; user: string; toItem: (row: Row) => Record<string, unknown> },
): ExportCollection<string> {
  const { name, table, user, toItem } = collection
  return {
    name,
    ...idKey,
    read: async (userId, after, limit) => {
      const from = after === undefined ? sql`` : sql`and id > ${after}`
      const rows = await sql<Row>`
        select * from ${sql.table(table)} where ${sql.ref(user)} = ${userId} ${from} order by id limit ${limit}`.execute(
        db,
      )
      return rows.rows.map(toItem)
    },
  }
}

export const ExportParams = Type.Object({ userId: Uuid })

export const ExportQuery = Type.Object({
  after: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9_-]{1,600}$', description: 'The `next` of the page before (opaque)' }),
  ),
  limit: Defaulted(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
})

export const ExportPage = Type.Object({
  /** The collection these items are of: a page holds one collection's items; the next may be of the next collection. */
  collection: Type.String(),
  items: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  /** Where the next page starts; null after the last collection's last page. */
  next: Type.Union([Type.String(), Type.Null()]),
})
export type ExportPage = Static<typeof ExportPage>

const badCursor = () =>
  errors.validation('The cursor is not one this route made', [
    { field: '/querystring/after', message: 'not a cursor of this route' },
  ])

/** A cursor: base64url of JSON [collection's index, key after which the page starts (null: its start)]. */
const Cursor = Type.Tuple([Type.Integer({ minimum: 0 }), Type.Unknown()])

const encode = (collection: number, key: unknown) =>
  Buffer.from(JSON.stringify([collection, key ?? null])).toString('base64url')

function decode(collections: ExportCollection[], after: string | undefined): { index: number; key: unknown } {
  if (after === undefined) return { index: 0, key: undefined }
  let cursor: unknown
  try {
    cursor = JSON.parse(Buffer.from(after, 'base64url').toString())
  } catch {
    throw badCursor()
  }
  if (!Value.Check(Cursor, cursor) || cursor[0] >= collections.length) {
    throw badCursor()
  }
  const [index, key] = cursor
  if (key === null) return { index, key: undefined }
  if (!Value.Check(collections[index].key, key)) throw badCursor()
  return { index, key }
}

/** One page of a user's export: the items of one collection after the cursor, and where the next page starts. */
export async function readExportPage(
  collections: ExportCollection[],
  userId: string,
  query: { after?: string; limit: number },
): Promise<ExportPage> {
  const { index, key } = decode(collections, query.after)
  const collection = collections[index]
  const items = await collection.read(userId, key, query.limit)
  const last = items.at(-1)
  let next: string | null = null
  if (last !== undefined && items.length === query.limit) next = encode(index, collection.keyOf(last))
  else if (index + 1 < collections.length) next = encode(index + 1, null)
  return { collection: collection.name, items, next }
}

/**
 * GET /internal/users/{userId}/export, in a service's internal routes (whose scope admits only the
 * service callers listed): its collections, one after the other, page by page.
 */
export function exportRoute(app: App, collections: ExportCollection[]) {
  app.get(
    '/internal/users/:userId/export',
    {
      schema: {
        summary: "A page of a user's data for their export (notification-service builds the ZIP from these)",
        params: ExportParams,
        querystring: ExportQuery,
        response: { 200: ExportPage, ...problems(400, 401) },
      },
    },
    async (request) => readExportPage(collections, request.params.userId, request.query),
  )
}
