import { InternalCallers, InternalSecret, userDirectoryConfig, verifierConfig } from '@focushub/shared/auth'
import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  /** Where the internal user look-up (invitee by e-mail) is asked. */
  ...userDirectoryConfig,
  TASK_SERVICE_PORT: Port(3002),
  TASK_DATABASE_URL: PostgresUrl('postgres://focushub_tasks:focushub_tasks_dev@127.0.0.1:5432/focushub_tasks'),
  /** How long a project invitation waits for its answer. */
  INVITATION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 * 7 }),
  /** Invitations a project may have waiting (pending, unexpired) at once. */
  INVITATIONS_MAX_PENDING: Type.Integer({ minimum: 1, maximum: 10_000, default: 50 }),
  /** Invitations a project may send in any 24 hours, revoked ones included. */
  INVITATIONS_PER_DAY: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }),
  /** task-service's credential for auth-service's internal routes: its entry in auth-service's INTERNAL_CALLERS. */
  TASK_SERVICE_INTERNAL_SECRET: InternalSecret('focushub-task-service-internal-dev'),
  /**
   * Services that may call task-service's /internal/* routes, each with its own secret (service:secret,…);
   * named apart from auth-service's INTERNAL_CALLERS, as the local stack shares one environment.
   */
  TASK_INTERNAL_CALLERS: InternalCallers('notification-service:focushub-notification-service-internal-dev'),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
