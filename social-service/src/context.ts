import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/tables.ts'

/** What the services of social-service work with, built once in app.ts. */
export interface SocialContext {
  db: Kysely<Database>
  config: Config
  log: FastifyBaseLogger
}
