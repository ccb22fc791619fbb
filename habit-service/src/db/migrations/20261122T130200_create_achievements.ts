import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await db.schema
    .createTable('achievements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('threshold', 'integer', (c) => c.notNull().check(sql`threshold > 0`))
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points >= 0`))
    .addColumn('sort_order', 'integer', (c) => c.notNull().unique())
    .execute()
  await sql`create index achievements_metric on achievements (metric, threshold)`.execute(db)
  await db.schema
    .createTable('achievement_progress')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('achievement_progress_pkey', ['user_id', 'metric'])
    .execute()
  await db.schema
    .createTable('achievement_unlocks')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('achievement_id', 'text', (c) => c.notNull().references('achievements.id'))
    .addColumn('unlocked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('achievement_unlocks_pkey', ['user_id', 'achievement_id'])
    .execute()
  await db.schema
    .createTable('achievement_facts')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('achievement_facts_pkey', ['user_id', 'kind', 'key'])
    .execute()
  await db.schema
    .createTable('user_rewards')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points >= 0`))
    .execute()
}
