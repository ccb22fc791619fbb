import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.ts'
import type { Database } from './db/tables.ts'
import type { UserDirectory } from './modules/members/user-directory.ts'

/** What the services of task-service work with, built once in app.ts. */
export interface TaskContext {
  db: Kysely<Database>
  config: Config
  users: UserDirectory
  log: FastifyBaseLogger
  /** Injected so tests can stand at any instant (due today, overdue, recurrence). */
  now: () => Date
}

/** Who acts and on which request: carried into events. */
export interface Actor {
  userId: string
  requestId: string
  /** The caller's own Authorization header, forwarded to auth-service's internal routes. */
  authorization: string
}

export const actorOf = (request: FastifyRequest, userId: string): Actor => ({
  userId,
  requestId: String(request.id),
  authorization: request.headers.authorization ?? '',
})
