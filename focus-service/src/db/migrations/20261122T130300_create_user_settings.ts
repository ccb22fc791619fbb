import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('user_settings')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('work_minutes', 'smallint', (c) => c.notNull())
    .addColumn('short_break_minutes', 'smallint', (c) => c.notNull())
    .addColumn('long_break_minutes', 'smallint', (c) => c.notNull())
    .addColumn('cycles_before_long_break', 'smallint', (c) => c.notNull())
    .addColumn('daily_goal_minutes', 'smallint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}
