// The data set, written by SQL straight into the running stack's four databases (sign-ups through the
// API are throttled per IP and cost a bcrypt hash each). Every seeded account's e-mail domain names
// the data set's shape (users, tasks, days: u10000-t20-d30.bench.focushub.test), so a later run of the
// same shape reuses it and a run of another shape first erases every bench account, in every database.
import { v7 as uuidv7 } from 'uuid'
import { createPasswordHasher } from '../../auth-service/src/modules/accounts/passwords.ts'
import type { BenchConfig } from './config.ts'
import type { Databases } from './databases.ts'
import { benchDomainSuffix, cleanUp } from './seed-cleanup.ts'
import { focusSql, habitsSql, tasksSql, uuid7Function } from './seed-sql.ts'

export const domainOf = (config: BenchConfig) =>
  `u${config.users}-t${config.tasksPerUser}-d${config.historyDays}.${benchDomainSuffix}`

export const emailOf = (domain: string, k: number) => `user${k}@${domain}`

const timezones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Europe/London']

export interface SeedOutcome {
  domain: string
  reused: boolean
  seconds: number
  rows: Record<string, number>
}

/** Marks the first account while the seed runs: a data set whose first account still has it is unfinished. */
const unfinished = ' (seeding)'

/** Reuses a complete data set of this shape, or erases every bench account and writes a new one. */
export async function seed(db: Databases, config: BenchConfig): Promise<SeedOutcome> {
  const started = performance.now()
  const domain = domainOf(config)
  const finished = await db.auth.query<{ count: string }>(
    'select count(*) from users where email like $1 and display_name not like $2',
    [`%@${domain}`, `%${unfinished}`],
  )
  if (Number(finished.rows[0].count) === config.users) {
    return { domain, reused: true, seconds: (performance.now() - started) / 1000, rows: {} }
  }
  await cleanUp(db)

  const ids = Array.from({ length: config.users }, () => uuidv7())
  const zones = ids.map((_, k) => timezones[k % timezones.length])
  const dayStarts = ids.map((_, k) => (k % 2 === 0 ? 4 : 0))
  const users = [ids, zones, dayStarts]
  const rows: Record<string, number> = {}
  // Accounts first: whatever happens next, the clean-up finds every row of this seed through them.
  const hash = await (await createPasswordHasher(config.bcryptCost)).hash(config.password)
  const accounts = await db.auth.query(
    `insert into users (id, email, display_name, password_hash, role, status, timezone, day_start_hour)
     select u.id, 'user' || u.k || '@' || $4, 'Bench user ' || u.k || case when u.k = 1 then $6 else '' end,
            $5, 'user', 'active', u.tz, u.dsh
     from unnest($1::uuid[], $2::text[], $3::int[]) with ordinality as u(id, tz, dsh, k)`,
    [...users, domain, hash, unfinished],
  )
  rows['auth.users'] = accounts.rowCount ?? 0
  await Promise.all(
    [
      ['tasks', db.tasks, tasksSql] as const,
      ['focus', db.focus, focusSql] as const,
      ['habits', db.habits, habitsSql] as const,
    ].map(async ([name, pool, statements]) => {
      const client = await pool.connect()
      try {
        await client.query(uuid7Function)
        for (const statement of statements) {
          const result = await client.query(statement.text, [...users, ...statement.parameters(config)])
          rows[`${name}.${statement.table}`] = result.rowCount ?? 0
        }
        await client.query('analyze')
      } finally {
        client.release()
      }
    }),
  )
  await db.auth.query('update users set display_name = replace(display_name, $2, $3) where email = $1', [
    `user1@${domain}`,
    unfinished,
    '',
  ])
  await db.auth.query('analyze users')
  return { domain, reused: false, seconds: (performance.now() - started) / 1000, rows }
}
