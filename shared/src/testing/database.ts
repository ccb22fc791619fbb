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
 * A fresh schema in the service's real database, migrated to latest: each test file gets its
 * own, so suites run in parallel and never see each other's rows.
 */
export async function createTestDatabase<DB>(url: string, migrations: Migrations): Promise<TestDatabase<DB>> {
  const schema = `test_${randomBytes(6).toString('hex')}`
  await run(url, `create schema ${schema}`)
  const db = createDatabase<DB>({ url, poolMax: 4, schema, applicationName: schema })
  await migrateToLatest(db, migrations, schema)
  return {
    db,
    schema,
    async destroy() {
      await db.destroy()
      await run(url, `drop schema ${schema} cascade`)
    },
  }
}
