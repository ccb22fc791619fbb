import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('todo', 'in_progress', 'done', 'cancelled')`))
    .addColumn('priority', 'smallint', (c) => c.notNull().check(sql`priority between 0 and 4`))
    .addColumn('due_at', 'timestamptz')
    .addColumn('due_date', 'date')
    .addColumn('assignee_id', 'uuid')
    .addColumn('observer_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('label_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('position', 'double precision', (c) => c.notNull())
    .addColumn('estimate_pomodoros', 'smallint')
    .addColumn('focused_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pomodoros_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rrule', 'text')
    .addColumn('repeat_from', 'text', (c) => c.check(sql`repeat_from in ('due', 'completion')`))
    .addColumn('recurrence_timezone', 'text')
    .addColumn('occurrence', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('next_occurrence_id', 'uuid')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || description)`).stored(),
    )
    .execute()
  // Every list starts from the caller's projects; these serve its filters and sorts within them.
  await sql`create index tasks_project_id on tasks (project_id, id)`.execute(db)
  await sql`create index tasks_project_due on tasks (project_id, due_at, id)`.execute(db)
  await sql`create index tasks_parent on tasks (parent_id) where parent_id is not null`.execute(db)
  await sql`create index tasks_assignee on tasks (assignee_id) where assignee_id is not null`.execute(db)
  await sql`create index tasks_labels on tasks using gin (label_ids)`.execute(db)
  await sql`create index tasks_search on tasks using gin (search)`.execute(db)
}
