import { type Kysely, sql } from 'kysely'

/**
 * An image whose thumbnail could not be made: for good (`thumbnail_failed`, it cannot be decoded), or
 * for now (the storage was away and the event's tries ran out). The cleanup job takes the latter
 * from their own queue, oldest first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('task_attachments')
    .addColumn('thumbnail_failed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  await sql`create index task_attachments_unthumbnailed on task_attachments (created_at)
    where status = 'ready' and not thumbnail and not thumbnail_failed and content_type like 'image/%'`.execute(db)
}
