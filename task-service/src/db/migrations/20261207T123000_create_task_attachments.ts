import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('task_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('task_id', 'uuid', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'ready', 'deleting')`))
    .addColumn('thumbnail', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  // A task's attachments in upload order (ids are UUIDv7): the list, the per-task count, task.deleted.
  await sql`create index task_attachments_task on task_attachments (task_id, id)`.execute(db)
  // An account's uploads, on erasure.
  await sql`create index task_attachments_uploader on task_attachments (uploaded_by, status)`.execute(db)
  // The cleanup job's two queues: abandoned uploads by age, and removals to finish.
  await sql`create index task_attachments_pending on task_attachments (created_at) where status = 'pending'`.execute(db)
  await sql`create index task_attachments_deleting on task_attachments (id) where status = 'deleting'`.execute(db)

  await db.schema
    .createTable('attachment_usage')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`bytes >= 0`))
    .execute()
}
