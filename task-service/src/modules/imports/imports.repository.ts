import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** Those of `ids` that are tasks of the project still. */
export async function tasksStillIn(db: Kysely<Database>, projectId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .execute()
  return new Set(rows.map((row) => row.id))
}

/** The owner's labels named (case aside) as `names`: lower-case name → id. */
export async function labelsNamed(db: Kysely<Database>, ownerId: string, names: string[]) {
  if (names.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('labels')
    .select(['id', 'name'])
    .where('owner_id', '=', ownerId)
    .where((eb) =>
      eb(
        eb.fn('lower', ['name']),
        'in',
        names.map((name) => name.toLowerCase()),
      ),
    )
    .execute()
  return new Map(rows.map((row) => [row.name.toLowerCase(), row.id]))
}
