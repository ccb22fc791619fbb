import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('daily_totals')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('focused_seconds', 'integer', (c) => c.notNull().check(sql`focused_seconds >= 0`))
    .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions >= 0`))
    .addColumn('pomodoros', 'integer', (c) => c.notNull().check(sql`pomodoros >= 0`))
    .addPrimaryKeyConstraint('daily_totals_pkey', ['user_id', 'local_date'])
    .execute()
  await db.schema
    .createTable('goal_awards')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('goal_minutes', 'integer', (c) => c.notNull())
    .addColumn('focused_minutes', 'integer', (c) => c.notNull())
    .addColumn('awarded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('goal_awards_pkey', ['user_id', 'local_date'])
    .execute()
}
