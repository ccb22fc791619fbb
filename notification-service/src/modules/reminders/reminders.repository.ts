import { type Kysely, sql } from 'kysely'
import type { ReminderTasksTable } from '../../db/tables/reminders.ts'
import type { Database } from '../../db/tables.ts'
import type { Reminder } from './reminder-times.ts'

export type TaskState = Omit<ReminderTasksTable, 'deleted'>

/**
 * Keeps what an event tells of a task, unless a newer version (or its deletion) is known already:
 * task events reach this service on the actor's partition, reminders_set on the owner's, so they may
 * cross. `due` undefined (an event written before it carried the due) leaves the due as it was.
 */
export async function saveTaskState(
  trx: Kysely<Database>,
  state: Omit<TaskState, 'due_at' | 'due_date' | 'assignee_id'> & { assignee_id?: string | null },
  due?: Pick<TaskState, 'due_at' | 'due_date'>,
) {
  const changes = { project_id: state.project_id, title: state.title, status: state.status, version: state.version }
  const assignee = state.assignee_id === undefined ? {} : { assignee_id: state.assignee_id }
  await trx
    .insertInto('reminder_tasks')
    .values({
      ...state,
      assignee_id: state.assignee_id ?? null,
      due_at: due?.due_at ?? null,
      due_date: due?.due_date ?? null,
    })
    .onConflict((c) =>
      c
        .column('task_id')
        .doUpdateSet({ ...changes, ...assignee, ...(due ?? {}) })
        .where('reminder_tasks.deleted', '=', false)
        .whereRef('reminder_tasks.version', '<', 'excluded.version'),
    )
    .execute()
}

/** The task, locked for the change being armed (two partitions may touch one task at once). */
export const lockTaskState = (trx: Kysely<Database>, taskId: string) =>
  trx.selectFrom('reminder_tasks').selectAll().where('task_id', '=', taskId).forUpdate().executeTakeFirst()

export const findTaskState = (db: Kysely<Database>, taskId: string) =>
  db.selectFrom('reminder_tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst()

/** Marks the task deleted (a tombstone, so late events arm nothing) and forgets every list of it. */
export async function buryTask(trx: Kysely<Database>, taskId: string, projectId: string) {
  await trx
    .insertInto('reminder_tasks')
    .values({ task_id: taskId, project_id: projectId, title: '', status: 'cancelled', version: 0, deleted: true })
    .onConflict((c) => c.column('task_id').doUpdateSet({ deleted: true, title: '' }))
    .execute()
  await trx.deleteFrom('reminder_lists').where('task_id', '=', taskId).execute()
}

/** The user's list as task-service last published it; an empty one is kept (none, not even the default). */
export async function saveList(trx: Kysely<Database>, taskId: string, userId: string, reminders: Reminder[]) {
  const value = JSON.stringify(reminders)
  await trx
    .insertInto('reminder_lists')
    .values({ task_id: taskId, user_id: userId, reminders: value })
    .onConflict((c) => c.columns(['task_id', 'user_id']).doUpdateSet({ reminders: value }))
    .execute()
}

export const listsOfTask = (trx: Kysely<Database>, taskId: string) =>
  trx.selectFrom('reminder_lists').select(['user_id', 'reminders']).where('task_id', '=', taskId).execute()

export const schedulesOfTask = (trx: Kysely<Database>, taskId: string) =>
  trx.selectFrom('reminder_schedules').selectAll().where('task_id', '=', taskId).execute()

export async function saveSchedule(
  trx: Kysely<Database>,
  row: { task_id: string; user_id: string; position: number; fire_at: Date; job_key: string },
) {
  await trx
    .insertInto('reminder_schedules')
    .values({ ...row, fired_at: null })
    .onConflict((c) =>
      c.columns(['task_id', 'user_id', 'position']).doUpdateSet({ fire_at: row.fire_at, fired_at: null }),
    )
    .execute()
}

export const deleteSchedule = (trx: Kysely<Database>, row: { task_id: string; user_id: string; position: number }) =>
  trx
    .deleteFrom('reminder_schedules')
    .where('task_id', '=', row.task_id)
    .where('user_id', '=', row.user_id)
    .where('position', '=', row.position)
    .execute()

/** A reminder due, with its task as known and the user's time zone, locked for this firing. */
export type DueReminder = Awaited<ReturnType<typeof lockDueSchedules>>[number]

/**
 * Up to `limit` reminders not yet fired whose instant is `through` or earlier, oldest first, each row
 * locked; rows another firing holds are skipped (it fires them), so firings run side by side. The task
 * is read as known (a schedule is armed only for a task known), the time zone is the user's profile's
 * (null if none yet).
 */
export const lockDueSchedules = (trx: Kysely<Database>, through: Date, limit: number) =>
  trx
    .selectFrom('reminder_schedules as s')
    .innerJoin('reminder_tasks as t', 't.task_id', 's.task_id')
    .leftJoin('user_profiles as p', 'p.user_id', 's.user_id')
    .select([
      's.task_id',
      's.user_id',
      's.position',
      's.fire_at',
      's.job_key',
      't.project_id',
      't.title',
      't.status',
      't.assignee_id',
      't.due_at',
      't.due_date',
      't.version',
      't.deleted',
      'p.timezone',
    ])
    .where('s.fired_at', 'is', null)
    .where('s.fire_at', '<=', through)
    .orderBy('s.fire_at')
    .limit(limit)
    .forUpdate('s')
    .skipLocked()
    .execute()

/** Marks reminders fired (one statement): a job that finds its reminder fired does nothing. */
export async function markFired(
  trx: Kysely<Database>,
  rows: { task_id: string; user_id: string; position: number }[],
  at: Date,
) {
  if (rows.length === 0) return
  await sql`
    update reminder_schedules s set fired_at = ${at}
      from unnest(${rows.map((row) => row.task_id)}::uuid[], ${rows.map((row) => row.user_id)}::uuid[],
                  ${rows.map((row) => row.position)}::smallint[]) as fired(task_id, user_id, position)
     where s.task_id = fired.task_id and s.user_id = fired.user_id and s.position = fired.position`.execute(trx)
}

/**
 * The open tasks a user is the assignee of, due from `dueAfter` on, that they set no list for: what
 * their default reminder covers (a task due earlier has no reminder left worth arming, nor one pending).
 */
export const assignedWithoutList = (db: Kysely<Database>, userId: string, dueAfter: Date) =>
  db
    .selectFrom('reminder_tasks')
    .select('task_id')
    .where('assignee_id', '=', userId)
    .where('deleted', '=', false)
    .where('status', 'in', ['todo', 'in_progress'])
    .where('due_at', '>=', dueAfter)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reminder_lists')
            .select('task_id')
            .whereRef('reminder_lists.task_id', '=', 'reminder_tasks.task_id')
            .where('reminder_lists.user_id', '=', userId),
        ),
      ),
    )
    .execute()

/** A deleted user's lists and schedules (their job keys, to cancel). */
export async function eraseUserReminders(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('reminder_lists').where('user_id', '=', userId).execute()
  const schedules = await trx
    .deleteFrom('reminder_schedules')
    .where('user_id', '=', userId)
    .returning('job_key')
    .execute()
  return schedules.map((row) => row.job_key)
}
