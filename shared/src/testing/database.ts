import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { createDatabase, type Migrations, migrateToLatest } from '../db/database.ts'

export interface TestDatabase<DB> {
  db: Kysely<DB>
  schema: string
  destroy(): Promise<void>
}

async function run(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * Kysely's migrator looks for its tables by reading every schema's (`has_schema_privilege` on each),
 * which fails with "schema … does not exist" when another test file drops its schema meanwhile. So
 * test files migrate holding this advisory lock shared, and drop their schema holding it exclusively.
 */
const schemaDropLock = 2_026_120_701

/**
 * A fresh schema in the service's real database, migrated to latest: each test file gets its
 * own, so suites run in parallel and never see each other's rows.
 */
export async function createTestDatabase<DB>(url: string, migrations: Migrations): Promise<TestDatabase<DB>> {
  const schema = `test_${randomBytes(6).toString('hex')}`
  await run(url, `create schema ${schema}`)
  const db = createDatabase<DB>({ url, poolMax: 4, schema, applicationName: schema })
  const guard = new pg.Client({ connectionString: url })
  await guard.connect()
  try {
    await guard.query('select pg_advisory_lock_shared($1)', [schemaDropLock])
    await migrateToLatest(db, migrations, schema)
  } finally {
    await guard.end()
  }
  return {
    db,
    schema,
    async destroy() {
      await db.destroy()
      await run(url, `begin; select pg_advisory_xact_lock(${schemaDropLock}); drop schema ${schema} cascade; commit`)
    },
  }
}
