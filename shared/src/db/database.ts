import { createHash } from 'node:crypto'
import { Kysely, type KyselyConfig, PostgresDialect, type PostgresPool, sql } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import pg from 'pg'

// DATE columns hold local dates ("2026-03-29"): keep them as strings, never shift them through a JS Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
// COUNT(*) and BIGINT sums fit in a double for every quantity FocusHub stores.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export interface DatabaseOptions {
  url: string
  poolMax: number
  /** Schema to use instead of public (test suites get one each). */
  schema?: string
  applicationName?: string
  /** kysely's query log (benchmarks record what a request ran). */
  log?: KyselyConfig['log']
}

const safeIdentifier = /^[a-z_][a-z0-9_]{0,62}$/

/** The pg pool behind each database createDatabase opened: kysely does not show it (its metrics read it). */
const pools = new WeakMap<object, pg.Pool>()

/** The connection pool of a database opened by createDatabase. */
export const poolOf = <DB>(db: Kysely<DB>) => pools.get(db)

export function createDatabase<DB>(options: DatabaseOptions): Kysely<DB> {
  if (options.schema && !safeIdentifier.test(options.schema)) throw new Error(`bad schema name ${options.schema}`)
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  })
  // A client losing its server (Postgres restarted), idle or checked out, must not crash the
  // process: the query in flight fails with the error and the pool replaces the client.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), log: options.log })
  pools.set(db, pool)
  return db
}

/**
 * Put first in a statement's text (`sql\`${preparedStatement}select …\``) to have PostgreSQL parse and
 * plan it once per connection instead of on every execution: sent as a named statement (named after
 * its text), PostgreSQL keeps its parse tree and, after five executions, a generic plan when that
 * costs no more than the custom ones. For statements whose planning costs more than their execution
 * (the task list's merge of 30 projects: ~4 ms to plan, ~0.4 ms to run); a statement's values must
 * be parameters, and what decides its plan (a LIMIT) literal, so one plan fits every execution.
 */
const preparedMark = '/* prepared */ '
export const preparedStatement = sql.raw(preparedMark)
/** Named statements a connection keeps (PostgreSQL holds each one's plan): beyond it, unnamed ones. */
const preparedPerConnection = 64
const preparedNames = new WeakMap<pg.PoolClient, Set<string>>()

/** The pool as kysely sees it: a statement marked `preparedStatement` goes out named. */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect()
      let known = preparedNames.get(client)
      if (!known) {
        known = new Set<string>()
        preparedNames.set(client, known)
      }
      return {
        release: (destroy?: boolean) => client.release(destroy),
        query: ((text: unknown, values?: unknown[]) => {
          if (typeof text !== 'string' || !text.startsWith(preparedMark)) return client.query(text as string, values)
          const name = `prepared_${createHash('sha1').update(text).digest('base64url')}`
          if (!known.has(name)) {
            if (known.size >= preparedPerConnection) return client.query(text, values)
            known.add(name)
          }
          return client.query({ name, text, values })
        }) as unknown as PostgresPoolClientQuery,
      }
    },
  }
}

type PostgresPoolClientQuery = Awaited<ReturnType<PostgresPool['connect']>>['query']

/** Readiness: one round trip to the database. */
export function databaseCheck<DB>(db: Kysely<DB>) {
  return () => sql`select 1`.execute(db)
}

/** Migrations are listed explicitly, named by timestamp, and never edited once landed. */
export type Migrations = Record<string, Migration>

/**
 * `schema`: where the migration bookkeeping lives. Always named, because kysely looks for its
 * tables in any schema otherwise and would take a test schema's for its own.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, migrations: Migrations, schema = 'public') {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error) {
    const where = failed ? ` (migration ${failed.migrationName})` : ''
    throw new Error(`migration failed${where}: ${(error as Error).message ?? String(error)}`, { cause: error })
  }
  return (results ?? []).map((result) => result.migrationName)
}

/** The `npm run migrate` of a service: applies what is pending and says what it did. */
export async function migrateFromCommandLine(service: string, url: string, migrations: Migrations) {
  const db = createDatabase({ url, poolMax: 1, applicationName: `${service}-migrate` })
  try {
    const applied = await migrateToLatest(db, migrations)
    console.log(applied.length > 0 ? `${service}: applied ${applied.join(', ')}` : `${service}: up to date`)
  } finally {
    await db.destroy()
  }
}
