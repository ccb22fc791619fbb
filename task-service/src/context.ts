import type { UserDirectory } from '@focushub/shared/auth'
import type { ObjectStorage } from '@focushub/shared/storage'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/tables.ts'

/** What the services of task-service work with, built once in app.ts. */
export interface TaskContext {
  db: Kysely<Database>
  config: Config
  users: UserDirectory
  /** The bucket of task attachments. */
  storage: ObjectStorage
  log: FastifyBaseLogger
  /** Injected so tests can stand at any instant (due today, overdue, recurrence). */
  now: () => Date
}
