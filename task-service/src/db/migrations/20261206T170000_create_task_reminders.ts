import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('task_reminders')
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('reminders', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('task_reminders_pkey', ['task_id', 'user_id'])
    .execute()
  // A member's reminders in a project they leave, and a user's on erasure.
  await sql`create index task_reminders_user on task_reminders (user_id)`.execute(db)
}
