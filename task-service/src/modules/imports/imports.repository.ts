import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** What earlier imports of `source` made of these keys: key → object id. */
export async function recordsOf(db: Kysely<Database>, userId: string, source: string, keys: string[]) {
  if (keys.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('import_records')
    .select(['key', 'object_id'])
    .where('user_id', '=', userId)
    .where('source', '=', source)
    .where('key', 'in', keys)
    .execute()
  return new Map(rows.map((row) => [row.key, row.object_id]))
}

/** Records what an import made; a key recorded before now names the new object. */
export const recordImported = (
  trx: Kysely<Database>,
  rows: { user_id: string; source: string; key: string; object_id: string }[],
) =>
  rows.length === 0
    ? Promise.resolve()
    : trx
        .insertInto('import_records')
        .values(rows)
        .onConflict((conflict) =>
          conflict
            .columns(['user_id', 'source', 'key'])
            .doUpdateSet((eb) => ({ object_id: eb.ref('excluded.object_id') })),
        )
        .execute()
        .then(() => undefined)

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
