import { type Kysely, sql } from 'kysely'
import type { TaskRow } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { taskColumns } from '../tasks/tasks.repository.ts'
import type { Reminder } from './reminders.schemas.ts'

export async function findReminders(db: Kysely<Database>, taskId: string, userId: string): Promise<Reminder[]> {
  const row = await db
    .selectFrom('task_reminders')
    .select('reminders')
    .where('task_id', '=', taskId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.reminders ?? []
}

/** Replaces the user's reminders for the task; none is no row. */
export async function saveReminders(trx: Kysely<Database>, taskId: string, userId: string, reminders: Reminder[]) {
  if (reminders.length === 0) {
    await trx.deleteFrom('task_reminders').where('task_id', '=', taskId).where('user_id', '=', userId).execute()
    return
  }
  const values = { reminders: JSON.stringify(reminders), updated_at: new Date() }
  await trx
    .insertInto('task_reminders')
    .values({ task_id: taskId, user_id: userId, ...values })
    .onConflict((c) => c.columns(['task_id', 'user_id']).doUpdateSet(values))
    .execute()
}

/** Everyone's reminders for a task. */
export const remindersOfTask = (trx: Kysely<Database>, taskId: string) =>
  trx.selectFrom('task_reminders').select(['user_id', 'reminders']).where('task_id', '=', taskId).execute()

/** Drops a user's reminders on the tasks of a project (they left it): the tasks they were on. */
export async function dropProjectReminders(trx: Kysely<Database>, projectId: string, userId: string) {
  const { rows } = await sql<TaskRow>`
    with dropped as (
      delete from task_reminders
      where user_id = ${userId} and task_id in (select id from tasks where project_id = ${projectId})
      returning task_id
    )
    select ${sql.join(taskColumns.map((column) => sql.ref(`tasks.${column}`)))}
    from tasks join dropped on dropped.task_id = tasks.id`.execute(trx)
  return rows
}

/** Drops the reminders on `taskIds` of users who are not members of `projectId`: each task and whose. */
export async function dropRemindersOfNonMembers(trx: Kysely<Database>, taskIds: string[], projectId: string) {
  if (taskIds.length === 0) return []
  const { rows } = await sql<TaskRow & { reminder_user_id: string }>`
    with dropped as (
      delete from task_reminders
      where task_id in (${sql.join(taskIds)})
        and user_id not in (select user_id from project_members where project_id = ${projectId})
      returning task_id, user_id
    )
    select ${sql.join(taskColumns.map((column) => sql.ref(`tasks.${column}`)))}, dropped.user_id as reminder_user_id
    from tasks join dropped on dropped.task_id = tasks.id`.execute(trx)
  return rows.map(({ reminder_user_id, ...task }) => ({ task, userId: reminder_user_id }))
}

export async function eraseUserReminders(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('task_reminders').where('user_id', '=', userId).execute()
}
