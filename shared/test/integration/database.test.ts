import { type Generated, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase, type Migrations, migrateToLatest, preparedStatement } from '../../src/db/database.ts'
import { createTestDatabase, type TestDatabase } from '../../src/testing/database.ts'

interface Db {
  note: { id: Generated<number>; body: string; local_date: string; total: Generated<number> }
}

const migrations: Migrations = {
  '20261122T000000_create_note': {
    up: (db) =>
      db.schema
        .createTable('note')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('body', 'text')
        .execute(),
  },
  '20261122T000100_add_local_date': {
    up: (db) =>
      db.schema
        .alterTable('note')
        .addColumn('local_date', 'date')
        .addColumn('total', 'bigint', (c) => c.defaultTo(0))
        .execute(),
  },
}

const url =
  process.env.TASK_DATABASE_URL ?? 'postgres://focushub_tasks:focushub_tasks_dev@127.0.0.1:5432/focushub_tasks'
let first: TestDatabase<Db>
let second: TestDatabase<Db>

beforeAll(async () => {
  ;[first, second] = await Promise.all([
    createTestDatabase<Db>(url, migrations),
    createTestDatabase<Db>(url, migrations),
  ])
})

afterAll(async () => {
  await Promise.all([first?.destroy(), second?.destroy()])
})

describe('database helpers against real Postgres', () => {
  it('migrates each test database into its own schema', async () => {
    const tables = await sql<{ table_schema: string }>`
      select table_schema from information_schema.tables where table_name = 'note'
        and table_schema in (${first.schema}, ${second.schema})`.execute(first.db)
    expect(tables.rows.map((row) => row.table_schema).sort()).toEqual([first.schema, second.schema].sort())
  })

  it('keeps test databases apart', async () => {
    await first.db.insertInto('note').values({ body: 'only in first', local_date: '2026-03-29' }).execute()
    expect(await second.db.selectFrom('note').selectAll().execute()).toEqual([])
  })

  it('reads DATE as the local date string and BIGINT as a number', async () => {
    const row = await first.db.selectFrom('note').select(['local_date', 'total']).executeTakeFirstOrThrow()
    expect(row).toEqual({ local_date: '2026-03-29', total: 0 })
  })

  it('applies only new migrations on a second run', async () => {
    expect(await migrateToLatest(first.db, migrations, first.schema)).toEqual([])
  })

  it('migrates public although test schemas hold kysely tables of their own', async () => {
    const publicDb = createDatabase({ url, poolMax: 1 })
    try {
      // public holds the service's own migrations: hand them back as already applied.
      const { rows } = await sql<{ name: string }>`select name from public.kysely_migration`
        .execute(publicDb)
        .catch(() => ({ rows: [] }))
      const applied: Migrations = Object.fromEntries(rows.map((row) => [row.name, { up: async () => {} }]))
      await expect(migrateToLatest(publicDb, applied)).resolves.toEqual([])
    } finally {
      await publicDb.destroy()
    }
  })

  it('names the migration that failed', async () => {
    const broken: Migrations = {
      ...migrations,
      '20261122T000200_broken': {
        up: async (db) => {
          await sql`select * from no_such_table`.execute(db)
        },
      },
    }
    await expect(migrateToLatest(first.db, broken, first.schema)).rejects.toThrow(/migration 20261122T000200_broken/)
  })
})

describe('prepared statements', () => {
  it('sends a marked statement named, once per connection, and others unnamed; past 64 names, unnamed', async () => {
    const db = createDatabase({ url, poolMax: 1, applicationName: 'prepared-test' })
    try {
      const named = async () =>
        (await sql<{ name: string }>`select name from pg_prepared_statements where from_sql = false`.execute(db)).rows
      for (let i = 0; i < 3; i++) {
        const { rows } = await sql<{ n: number }>`${preparedStatement}select ${i}::int + 1 as n`.execute(db)
        expect(rows).toEqual([{ n: i + 1 }])
      }
      await sql`select 1`.execute(db)
      expect(await named()).toHaveLength(1)

      for (let i = 0; i < 70; i++) {
        const { rows } = await sql<{ n: number }>`${preparedStatement}select ${i}::int + ${sql.lit(i)} as n`.execute(db)
        expect(rows).toEqual([{ n: 2 * i }])
      }
      expect(await named()).toHaveLength(64)
    } finally {
      await db.destroy()
    }
  })
})
