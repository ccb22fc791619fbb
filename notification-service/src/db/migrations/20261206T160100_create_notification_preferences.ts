import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('muted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    .addColumn('kinds', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'notification_preferences_quiet_hours',
      sql`(quiet_start is null and quiet_end is null) or (quiet_start is not null and quiet_end is not null and quiet_start <> quiet_end)`,
    )
    .execute()
}
