import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { LabelRow, LabelsTable } from '../../db/tables/labels.ts'
import type { Database } from '../../db/tables.ts'

export const nameTaken = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'labels_owner_name_key'

export const findOwnLabel = (db: Kysely<Database>, ownerId: string, id: string) =>
  db.selectFrom('labels').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst()

/** The owner's label, locked until the transaction ends. */
export const lockOwnLabel = (trx: Kysely<Database>, ownerId: string, id: string) =>
  trx
    .selectFrom('labels')
    .selectAll()
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .forUpdate()
    .executeTakeFirst()

/** Those of `ids` that are the owner's labels, which nobody deletes before the transaction ends (FOR KEY SHARE). */
export const ownLabelsAmong = async (trx: Kysely<Database>, ownerId: string, ids: string[]) =>
  (
    await trx
      .selectFrom('labels')
      .select('id')
      .where('owner_id', '=', ownerId)
      .where('id', 'in', ids)
      .forKeyShare()
      .execute()
  ).map((row) => row.id)

export const insertLabel = (db: Kysely<Database>, label: Insertable<LabelsTable>) =>
  db.insertInto('labels').values(label).returningAll().executeTakeFirstOrThrow()

export async function listLabels(db: Kysely<Database>, ownerId: string, after: string | undefined, limit: number) {
  let query = db
    .selectFrom('labels')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('id')
    .limit(limit + 1)
  if (after) query = query.where('id', '>', after)
  return query.execute()
}

export async function updateLabel(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<LabelsTable>,
  expectedVersion?: number,
): Promise<LabelRow | undefined> {
  let query = db
    .updateTable('labels')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion)
  return query.returningAll().executeTakeFirst()
}

/**
 * Deletes a label and takes it off every task that carries it. The label goes first: a task being
 * written with it (holding it FOR KEY SHARE) commits before, so the update below finds it too.
 */
export async function deleteLabel(trx: Kysely<Database>, id: string) {
  await trx.deleteFrom('labels').where('id', '=', id).execute()
  await trx
    .updateTable('tasks')
    .set({ label_ids: sql<string[]>`array_remove(label_ids, ${id}::uuid)` })
    .where(sql<boolean>`label_ids @> array[${id}::uuid]`)
    .execute()
}

export const toLabel = (row: LabelRow) => ({
  id: row.id,
  name: row.name,
  color: row.color,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})
