import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('check_ins')
    .addColumn('habit_id', 'uuid', (c) => c.notNull().references('habits.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('done', 'skipped', 'partial')`))
    .addColumn('value', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('user', 'focus')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('check_ins_pkey', ['habit_id', 'local_date'])
    .execute()
  // A perfect day looks at every habit of a user on one date; erasure deletes by user.
  await sql`create index check_ins_user_date on check_ins (user_id, local_date)`.execute(db)
}
