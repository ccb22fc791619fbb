import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/tables.ts'

/** What the services of habit-service work with, built once in app.ts. */
export interface HabitContext {
  db: Kysely<Database>
  config: Config
  log: FastifyBaseLogger
  /** The current instant; tests pin it to cross day boundaries without sleeping. */
  now: () => Date
}
