import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { eraseUserReminders } from '../reminders/reminders.repository.ts'

/** The editor who joined first (ties: the smaller id), heir to a project whose owner is erased. */
const longestStandingEditor = (trx: Kysely<Database>, projectId: string) =>
  trx
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('role', '=', 'editor')
    .orderBy('added_at')
    .orderBy('user_id')
    .limit(1)
    .executeTakeFirst()

/** Each project the user owns passes to its longest-standing editor, or is deleted with its tasks. */
async function settleOwnedProjects(trx: Kysely<Database>, userId: string) {
  const owned = await trx.selectFrom('projects').select('id').where('owner_id', '=', userId).forUpdate().execute()
  for (const { id } of owned) {
    const heir = await longestStandingEditor(trx, id)
    if (!heir) {
      await trx.deleteFrom('projects').where('id', '=', id).execute()
      continue
    }
    await trx
      .updateTable('project_members')
      .set({ role: 'owner' })
      .where('project_id', '=', id)
      .where('user_id', '=', heir.user_id)
      .execute()
    await trx
      .updateTable('projects')
      .set({ owner_id: heir.user_id, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute()
  }
}

/**
 * Erases what task-service keeps of a deleted user: their projects (passed on or deleted), their
 * memberships, invitations (sent and received), assignments, observations, labels and reminders (the
 * profile goes with the shared account handler).
 * Tasks they wrote in projects that live on stay with those projects.
 */
export async function eraseUser(trx: Kysely<Database>, userId: string) {
  await settleOwnedProjects(trx, userId)
  await trx.deleteFrom('project_members').where('user_id', '=', userId).execute()
  await trx
    .deleteFrom('project_invitations')
    .where((eb) => eb.or([eb('invitee_id', '=', userId), eb('invited_by', '=', userId)]))
    .execute()
  await trx.updateTable('tasks').set({ assignee_id: null }).where('assignee_id', '=', userId).execute()
  await trx
    .updateTable('tasks')
    .set({ observer_ids: sql<string[]>`array_remove(observer_ids, ${userId}::uuid)` })
    .where(sql<boolean>`observer_ids @> array[${userId}::uuid]`)
    .execute()
  const labels = trx.selectFrom('labels').select('id').where('owner_id', '=', userId)
  await trx
    .updateTable('tasks')
    .set({
      label_ids: sql<string[]>`array(select unnest(label_ids) except select id from labels where owner_id = ${userId})`,
    })
    .where(sql<boolean>`label_ids && array(${labels})`)
    .execute()
  await trx.deleteFrom('labels').where('owner_id', '=', userId).execute()
  await trx.deleteFrom('import_records').where('user_id', '=', userId).execute()
  await eraseUserReminders(trx, userId)
}
