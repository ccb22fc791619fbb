import { InternalCallers, InternalSecret, userDirectoryConfig, verifierConfig } from '@focushub/shared/auth'
import { baseConfig, databaseConfig, kafkaConfig, loadConfig, Port, PostgresUrl } from '@focushub/shared/config'
import { eventsConfig } from '@focushub/shared/events'
import { storageConfig } from '@focushub/shared/storage'
import Type, { type Static, type TObject } from 'typebox'

export const configSchema = {
  ...baseConfig,
  ...databaseConfig,
  ...kafkaConfig,
  ...eventsConfig,
  ...verifierConfig,
  /** Where the internal user look-up (invitee by e-mail) is asked. */
  ...userDirectoryConfig,
  /** Where task attachments are stored (S3-compatible). */
  ...storageConfig,
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
  /** The largest attachment, in bytes (25 MB); at most what the `integer` size column holds. */
  ATTACHMENT_MAX_BYTES: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, default: 25 * 1024 * 1024 }),
  /** Attachments a task may have, uploads still pending included. */
  ATTACHMENTS_PER_TASK: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  /** Bytes of attachments each user may keep, uploads still pending included (1 GiB). */
  ATTACHMENT_QUOTA_BYTES: Type.Integer({ minimum: 1, maximum: 2 ** 50, default: 1024 ** 3 }),
  /** How long a presigned upload URL stays valid. */
  ATTACHMENT_UPLOAD_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 7 * 24 * 3600, default: 600 }),
  /** How long a presigned download URL stays valid. */
  ATTACHMENT_DOWNLOAD_TTL_SECONDS: Type.Integer({ minimum: 10, maximum: 7 * 24 * 3600, default: 300 }),
  /** How often each replica removes abandoned uploads and finishes deletions the storage missed. */
  ATTACHMENT_CLEANUP_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 24 * 3600 * 1000, default: 5000 }),
  /** Attachments one cleanup pass removes at most, per kind of work. */
  ATTACHMENT_CLEANUP_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
