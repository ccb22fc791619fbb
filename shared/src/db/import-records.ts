import { type Generated, type Kysely, sql } from 'kysely'
import { lockUser } from './user-lock.ts'

/**
 * What imports from other tools made, by the source's key of each object (a Todoist file's task, a
 * Loop habit): importing the same file again finds them and makes nothing new. One table per service
 * that imports, the same shape in each.
 */
export interface ImportRecordsTable {
  user_id: string
  /** `todoist`, `loop`. */
  source: string
  /** The source's stable key of the object (each reader says how it is made). */
  key: string
  /** What was made of it. */
  object_id: string
  created_at: Generated<Date>
}

export interface ImportRecordsDatabase {
  import_records: ImportRecordsTable
}

export const createImportRecordsMigration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table import_records (
        user_id uuid not null,
        source text not null,
        key text not null,
        object_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (user_id, source, key)
      )`.execute(db)
  },
}

/** What earlier imports of `source` made of these keys: key → object id. One range of the primary key. */
export async function recordsOf(db: Kysely<ImportRecordsDatabase>, userId: string, source: string, keys: string[]) {
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

/** Records what an import made, in its transaction; a key recorded before now names the new object. */
export async function recordImported(
  trx: Kysely<ImportRecordsDatabase>,
  userId: string,
  source: string,
  made: { key: string; objectId: string }[],
) {
  if (made.length === 0) return
  await trx
    .insertInto('import_records')
    .values(made.map(({ key, objectId }) => ({ user_id: userId, source, key, object_id: objectId })))
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'source', 'key']).doUpdateSet((eb) => ({ object_id: eb.ref('excluded.object_id') })),
    )
    .execute()
}

/** One import of a user's at a time, until the transaction ends: a second, sent twice by mistake, finds the first's records. */
export const lockImports = (trx: Kysely<ImportRecordsDatabase>, userId: string) => lockUser(trx, 'import', userId)
