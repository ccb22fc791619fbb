import { type Kysely, sql } from 'kysely'
import Type from 'typebox'

/**
 * Manual order (habits, tasks, projects): a list sorts by (position, id) ascending, and positions
 * are doubles, so an item can always go between two others without touching them.
 */
export const ManualPosition = Type.Number({
  minimum: -1e15,
  maximum: 1e15,
  description:
    'Manual order, lowest first. The item goes to this position, or just before the item already there ' +
    '(so 0 on a list that starts at 0 puts it first); read the position it got from the answer',
})

/** What a list holds around a wanted position, the item being placed left out. */
export interface Neighbours {
  /** The first item at exactly the wanted position, if any. */
  holderId: string | null
  /** The greatest position below the wanted one, if any. */
  below: number | null
}

/** How one list is read and renumbered, in the transaction of the write. */
export interface OrderedList {
  neighboursOf(position: number): Promise<Neighbours>
  positionOf(itemId: string): Promise<number>
  /** Rewrites the list's positions to 0, 1, 2 … in its current order. */
  renumber(): Promise<void>
}

/** Halfway between two positions, or null when doubles cannot tell it from either. */
function between(below: number, above: number): number | null {
  const halfway = below + (above - below) / 2
  return halfway > below && halfway < above ? halfway : null
}

function placeAt(wanted: number, { holderId, below }: Neighbours): number | null {
  if (holderId === null) return wanted
  return below === null ? wanted - 1 : between(below, wanted)
}

/**
 * The position an item asked to stand at `wanted` gets: `wanted` when no other item holds it, else
 * just before the item there — halfway to the previous position, or one below when it is the
 * first. Two steps of work on the list's (scope, position) index. After about 50 halvings of one
 * gap the halfway point is no longer a distinct double: the list is renumbered once (O(list), rare)
 * and the item placed before the same holder.
 */
export async function placeInOrder(list: OrderedList, wanted: number): Promise<number> {
  const neighbours = await list.neighboursOf(wanted)
  const placed = placeAt(wanted, neighbours)
  if (placed !== null) return placed
  // Only a taken position can run out of room; renumbered, the gap below its holder is 1.
  await list.renumber()
  const holderAt = await list.positionOf(neighbours.holderId as string)
  return holderAt - 0.5
}

/** Where a manual order is kept: its table, the column naming the list, the item's key column. */
export interface ManualOrderColumns {
  table: string
  list: string
  item: string
}

/**
 * One list of a table with a `position` column as an OrderedList, for placing `itemId` in it: each
 * read is one round trip on the table's (list, position) index.
 */
export function manualOrder(
  // biome-ignore lint/suspicious/noExplicitAny: any service's database; the statements name their own columns
  db: Kysely<any>,
  columns: ManualOrderColumns,
  listId: string,
  itemId: string,
): OrderedList {
  const table = sql.table(columns.table)
  const list = sql.ref(columns.list)
  const item = sql.ref(columns.item)
  const others = sql`${list} = ${listId} and ${item} <> ${itemId}`
  return {
    async neighboursOf(position) {
      const { rows } = await sql<{ holder: string | null; below: number | null }>`
        select
          (select ${item} from ${table} where ${others} and position = ${position} order by ${item} limit 1) as holder,
          (select position from ${table} where ${others} and position < ${position} order by position desc limit 1) as below
      `.execute(db)
      return { holderId: rows[0]?.holder ?? null, below: rows[0]?.below ?? null }
    },
    async positionOf(id) {
      const { rows } = await sql<{ position: number }>`
        select position from ${table} where ${list} = ${listId} and ${item} = ${id}`.execute(db)
      return rows[0]?.position ?? 0
    },
    async renumber() {
      await sql`
        update ${table} set position = ordered.rank - 1
        from (select ${item} as key, row_number() over (order by position, ${item}) as rank
              from ${table} where ${list} = ${listId}) ordered
        where ${list} = ${listId} and ${item} = ordered.key`.execute(db)
    },
  }
}
