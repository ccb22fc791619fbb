import { manualOrder } from '@focushub/shared/db'
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { TaskRow, TasksTable } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'

/** Every column of TaskRow, so the search vector never travels. */
export const taskColumns = [
  'id',
  'project_id',
  'parent_id',
  'title',
  'description',
  'status',
  'priority',
  'due_at',
  'due_date',
  'assignee_id',
  'observer_ids',
  'label_ids',
  'position',
  'estimate_pomodoros',
  'focused_minutes',
  'pomodoros_done',
  'rrule',
  'repeat_from',
  'recurrence_timezone',
  'occurrence',
  'next_occurrence_id',
  'completed_at',
  'created_by',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TaskRow)[]

/** A project's tasks as one manual order, for placing `taskId` in it (on tasks_project_position). */
export const taskOrder = (db: Kysely<Database>, projectId: string, taskId: string) =>
  manualOrder(db, { table: 'tasks', list: 'project_id', item: 'id' }, projectId, taskId)

export const insertTask = (trx: Kysely<Database>, values: Insertable<TasksTable>): Promise<TaskRow> =>
  trx.insertInto('tasks').values(values).returning(taskColumns).executeTakeFirstOrThrow()

export const projectTaskIds = (db: Kysely<Database>, projectId: string) =>
  db.selectFrom('tasks').select('id').where('project_id', '=', projectId).execute()

/** The project of a task, which nobody deletes before the transaction ends (FOR KEY SHARE): a subtask's parent. */
export const projectOfTask = async (trx: Kysely<Database>, id: string) =>
  (await trx.selectFrom('tasks').select('project_id').where('id', '=', id).forKeyShare().executeTakeFirst())?.project_id

export const findTask = (db: Kysely<Database>, id: string) =>
  db.selectFrom('tasks').select(taskColumns).where('id', '=', id).executeTakeFirst()

/** The task, locked until the transaction ends: writes to one task run one after another. */
export const lockTask = (trx: Kysely<Database>, id: string) =>
  trx.selectFrom('tasks').select(taskColumns).where('id', '=', id).forUpdate().executeTakeFirst()

/** Applies changes and bumps the version. */
export const updateTask = (trx: Kysely<Database>, id: string, changes: Updateable<TasksTable>): Promise<TaskRow> =>
  trx
    .updateTable('tasks')
    .set({ ...changes, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returning(taskColumns)
    .executeTakeFirstOrThrow()

/** A task and its subtasks, at any depth, with the people each names. */
export async function taskTree(trx: Kysely<Database>, id: string) {
  const { rows } = await sql<{ id: string; assignee_id: string | null; observer_ids: string[] }>`
    with recursive tree as (
      select id, assignee_id, observer_ids from tasks where id = ${id}
      union all
      select tasks.id, tasks.assignee_id, tasks.observer_ids from tasks join tree on tasks.parent_id = tree.id
    )
    select id, assignee_id, observer_ids from tree`.execute(trx)
  return rows
}

/** The last position of a project's manual order, or null while it has no task (on tasks_project_position). */
export const lastTaskPosition = async (db: Kysely<Database>, projectId: string) =>
  (
    await db
      .selectFrom('tasks')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('project_id', '=', projectId)
      .executeTakeFirst()
  )?.last ?? null

/**
 * Moves subtasks to their parent's new project, each a new version, right after the parent (at
 * `after` there) in their own order (position, then id): spread evenly up to the project's next
 * task, or over one step when none follows, so nothing of the project comes between them.
 */
export async function moveTasks(
  trx: Kysely<Database>,
  ids: string[],
  projectId: string,
  after: number,
): Promise<TaskRow[]> {
  if (ids.length === 0) return []
  const following = await trx
    .selectFrom('tasks')
    .select((eb) => eb.fn.min('position').as('next'))
    .where('project_id', '=', projectId)
    .where('position', '>', after)
    .executeTakeFirst()
  const step = ((following?.next ?? after + 1) - after) / (ids.length + 1)
  return trx
    .updateTable('tasks')
    .from((eb) =>
      eb
        .selectFrom('tasks')
        .select(['id as moved_id', sql<number>`row_number() over (order by position, id)`.as('rank')])
        .where('id', 'in', ids)
        .as('moved'),
    )
    .set({
      project_id: projectId,
      position: sql<number>`${after}::float8 + moved.rank * ${step}::float8`,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .whereRef('tasks.id', '=', 'moved.moved_id')
    .returning(taskColumns)
    .execute()
}

/** Deletes a task and its subtasks (by cascade); returns every id deleted. */
export async function deleteTaskTree(trx: Kysely<Database>, id: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive tree as (
      select id from tasks where id = ${id}
      union all
      select tasks.id from tasks join tree on tasks.parent_id = tree.id
    )
    select id from tree`.execute(trx)
  await trx.deleteFrom('tasks').where('id', '=', id).execute()
  return rows.map((row) => row.id)
}

/**
 * A completed focus session's minutes and pomodoros, added to its task — if the task still exists
 * in a project the session's owner belongs to. The version is not bumped: these counters are not
 * the client's to edit, so they never make a client's next write stale.
 */
export async function addFocusedTime(
  trx: Kysely<Database>,
  userId: string,
  credit: { taskId: string; focusedMinutes: number; pomodoros: number },
) {
  await trx
    .updateTable('tasks')
    .set({
      focused_minutes: sql<number>`focused_minutes + ${credit.focusedMinutes}`,
      pomodoros_done: sql<number>`pomodoros_done + ${credit.pomodoros}`,
    })
    .where('id', '=', credit.taskId)
    .where('project_id', 'in', trx.selectFrom('project_members').select('project_id').where('user_id', '=', userId))
    .execute()
}
