import type { Databases } from './databases.ts'

/** Every bench account's e-mail ends with this (the part before it names the data set's shape). */
export const benchDomainSuffix = 'bench.focushub.test'

/** Columns that name a user: a row with one of them set to a bench account belongs to the bench. */
const userColumns = ['user_id', 'owner_id', 'actor_id', 'recipient_id', 'created_by']

/**
 * Erases every bench account and everything it owns in every database: the rows the seed wrote and
 * the ones its traffic created. Rows of other tables go with their parents (foreign keys cascade).
 * The outbox and processed-event records are left to the services' own retention.
 */
export async function cleanUp(db: Databases) {
  const accounts = await db.auth.query<{ id: string }>('select id from users where email like $1', [
    `%.${benchDomainSuffix}`,
  ])
  const ids = accounts.rows.map((row) => row.id)
  if (ids.length === 0) return
  for (const pool of [db.tasks, db.focus, db.habits, db.auth]) {
    const owned = await pool.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and column_name = any($1) and table_name not in ('outbox', 'processed_events')
       order by table_name`,
      [userColumns],
    )
    for (const { table_name, column_name } of owned.rows) {
      await pool.query(`delete from ${table_name} where ${column_name} = any($1::uuid[])`, [ids])
    }
  }
  await db.auth.query('delete from users where id = any($1::uuid[])', [ids])
}
