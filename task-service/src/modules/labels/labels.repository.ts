import { type Kysely, sql, type Updateable } from 'kysely'
import type { LabelRow, LabelsTable } from '../../db/tables/labels.ts'
import type { Database } from '../../db/tables.ts'

export const nameTaken = (error: unknown) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'labels_owner_name_key'

export const findOwnLabel = (db: Kysely<Database>, ownerId: string, id: string) =>
  db.selectFrom('labels').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst()

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

/** Deletes a label and takes it off every task that carries it. */
export async function deleteLabel(trx: Kysely<Database>, id: string) {
  await trx
    .updateTable('tasks')
    .set({ label_ids: sql<string[]>`array_remove(label_ids, ${id}::uuid)` })
    .where(sql<boolean>`label_ids @> array[${id}::uuid]`)
    .execute()
  await trx.deleteFrom('labels').where('id', '=', id).execute()
}

export const toLabel = (row: LabelRow) => ({
  id: row.id,
  name: row.name,
  color: row.color,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})
