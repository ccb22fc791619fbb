import pg from 'pg'
import type { BenchConfig, DatabaseName } from './config.ts'

/** One small pool per service database of the running stack, as the services' own roles. */
export type Databases = Record<DatabaseName, pg.Pool>

export function openDatabases(config: BenchConfig): Databases {
  const open = (url: string) => new pg.Pool({ connectionString: url, max: 2 })
  const { auth, tasks, focus, habits } = config.databases
  return { auth: open(auth), tasks: open(tasks), focus: open(focus), habits: open(habits) }
}

export const closeDatabases = (db: Databases) => Promise.all(Object.values(db).map((pool) => pool.end()))
