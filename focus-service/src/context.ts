import type { UserDirectory } from '@focushub/shared/auth'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/tables.ts'

/** The server's clock: every timestamp of a session comes from it, never from a client. Tests inject their own. */
export type Clock = () => Date

/** What the services of focus-service work with, built once in app.ts. */
export interface FocusContext {
  db: Kysely<Database>
  config: Config
  now: Clock
  /** auth-service's directory: who a recipient named by e-mail is. */
  users: UserDirectory
  log: FastifyBaseLogger
}
