import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createDatabase, type Migrations, migrateToLatest } from '@focushub/shared/db'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'

/**
 * The scale databases live beside the stack's own (same cluster, names `focushub_scale_<service>`,
 * owned by the service's role) and are never the dev databases. Creating a database takes the
 * cluster's superuser: by default over the stack's Unix socket, where local connections are trusted.
 */
const adminConnection = (): pg.ClientConfig =>
  process.env.BENCH_SCALE_ADMIN_URL
    ? { connectionString: process.env.BENCH_SCALE_ADMIN_URL }
    : {
        host: fileURLToPath(new URL('../../.focushub/run/postgres', import.meta.url)),
        port: Number(process.env.POSTGRES_PORT ?? 5432),
        user: 'postgres',
        database: 'postgres',
      }

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client(adminConnection())
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export interface ScaleDatabase {
  /** The service's database URL with the scale database's name. */
  url: string
  reseeded: boolean
  seconds: number
}

/**
 * Runs one `insert into <table> …` with that table's secondary indexes, unique and exclusion
 * constraints dropped (the primary key stays: rows come in its order), then builds them again from
 * their own definitions (pg_get_indexdef, pg_get_constraintdef): one sorted build each instead of
 * millions of insertions. The schema ends exactly as the migrations made it.
 */
async function withIndexesDeferred(db: Kysely<unknown>, statement: string) {
  const table = /^\s*insert into (\w+)/i.exec(statement)?.[1]
  if (!table) return sql.raw(statement).execute(db)
  const { rows } = await sql<{ drop: string; create: string }>`
    select format('alter table %I drop constraint %I', ${table}::text, conname) as drop,
           format('alter table %I add constraint %I %s', ${table}::text, conname, pg_get_constraintdef(oid)) as create
    from pg_constraint where conrelid = ${table}::regclass and contype in ('x', 'u')
    union all
    select format('drop index %I', index.relname), pg_get_indexdef(index.oid)
    from pg_index join pg_class index on index.oid = pg_index.indexrelid
    where indrelid = ${table}::regclass
      and not exists (select from pg_constraint where conindid = pg_index.indexrelid)`.execute(db)
  for (const row of rows) await sql.raw(row.drop).execute(db)
  const result = await sql.raw(statement).execute(db)
  await sql`set maintenance_work_mem = '256MB'`.execute(db)
  for (const row of rows) await sql.raw(row.create).execute(db)
  return result
}

const seedHash = (statements: string[]) => createHash('sha256').update(statements.join(';\n')).digest('hex')

/**
 * The scale database of one service, migrated to latest and seeded. Cached between runs: it is
 * seeded again only when the seed's SQL changed or a migration it had applied is no longer in the
 * service's list; migrations added since are applied to the seeded data (as in production, on a
 * full table) and every table analysed again.
 */
export async function scaleDatabase(
  serviceUrl: string,
  name: string,
  migrations: Migrations,
  statements: string[],
  log: (line: string) => void,
): Promise<ScaleDatabase> {
  const started = performance.now()
  const url = new URL(serviceUrl)
  const owner = decodeURIComponent(url.username)
  url.pathname = `/${name}`
  const hash = seedHash(statements)
  const state = await asAdmin(async (admin) => {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
    if (!exists) return 'missing'
    const client = new pg.Client({ ...adminConnection(), database: name })
    await client.connect()
    try {
      const seeded = await client.query('select seed_hash from bench_scale_seed').catch(() => ({ rows: [] }))
      if (seeded.rows[0]?.seed_hash !== hash) return 'stale'
      const applied = await client.query<{ name: string }>('select name from kysely_migration order by name')
      const known = new Set(Object.keys(migrations))
      return applied.rows.every((row) => known.has(row.name)) ? 'seeded' : 'stale'
    } finally {
      await client.end()
    }
  })
  if (state !== 'missing' && state !== 'seeded') {
    log(`  ${name}: the seed or the migrations changed, seeding again`)
    await asAdmin((admin) => admin.query(`drop database ${name} with (force)`))
  }
  if (state !== 'seeded') {
    await asAdmin((admin) => admin.query(`create database ${name} owner ${pg.escapeIdentifier(owner)}`))
  }
  const db = createDatabase<unknown>({ url: url.toString(), poolMax: 1, applicationName: 'bench-scale' })
  try {
    const applied = await migrateToLatest(db, migrations)
    if (state !== 'seeded') {
      for (const [index, statement] of statements.entries()) {
        const step = performance.now()
        const result = await withIndexesDeferred(db, statement)
        log(
          `  ${name}: step ${index + 1}/${statements.length}, ${result.numAffectedRows ?? 0} rows in ${((performance.now() - step) / 1000).toFixed(1)} s`,
        )
      }
      await sql.raw(`create table bench_scale_seed (seed_hash text not null)`).execute(db)
      await sql`insert into bench_scale_seed values (${hash})`.execute(db)
    }
    // Statistics as right as a fresh load leaves them once analysed: nothing waits for autovacuum.
    if (state !== 'seeded' || applied.length > 0) await sql`analyze`.execute(db)
    if (applied.length > 0) log(`  ${name}: applied ${applied.join(', ')}`)
  } finally {
    await db.destroy()
  }
  return { url: url.toString(), reseeded: state !== 'seeded', seconds: (performance.now() - started) / 1000 }
}
