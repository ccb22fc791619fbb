import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('habits')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('icon', 'text')
    .addColumn('color', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('boolean', 'measurable')`))
    .addColumn('target', 'double precision')
    .addColumn('unit', 'text')
    .addColumn('target_type', 'text', (c) => c.check(sql`target_type in ('at_least', 'at_most')`))
    .addColumn('schedule', 'jsonb', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('focus_linked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz')
    .addColumn('summary', 'jsonb')
    .addColumn('summary_as_of', 'date')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('habits_measurable_target', sql`(kind = 'boolean') = (target is null and target_type is null)`)
    .execute()
  // The list's keyset order; focus-linked lookup by the consumer.
  await sql`create index habits_user_order on habits (user_id, position, id)`.execute(db)
  await sql`create index habits_user_focus on habits (user_id) where focus_linked and archived_at is null`.execute(db)
}
