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
  /** Where a recipient named by e-mail is looked up. */
  ...userDirectoryConfig,
  FOCUS_SERVICE_PORT: Port(3003),
  FOCUS_DATABASE_URL: PostgresUrl('postgres://focushub_focus:focushub_focus_dev@127.0.0.1:5432/focushub_focus'),
  /** How often each replica looks for sessions whose time ran out: the longest a due session waits. */
  FOCUS_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
  /** How often each replica looks for room phases that end and participants who went quiet. */
  FOCUS_ROOM_SWEEP_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 250 }),
  /** A participant no gateway reported connected (a live stream open), nor who called, for this long is away. */
  FOCUS_ROOM_AWAY_AFTER_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 45_000 }),
  /** A participant away for this long (since last seen connected) leaves the room; stepping away never times out. */
  FOCUS_ROOM_LEAVE_AFTER_MS: Type.Integer({ minimum: 1000, maximum: 86_400_000, default: 300_000 }),
  /** A room nobody is in closes this long after the last one left. */
  FOCUS_ROOM_EMPTY_CLOSE_AFTER_MS: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 600_000 }),
  /** Room chat per participant: a burst of this many messages, then one every FOCUS_ROOM_CHAT_REFILL_MS. */
  FOCUS_ROOM_CHAT_BURST: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  FOCUS_ROOM_CHAT_REFILL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 2000 }),
  /** How many local days before today a logged session may start, be moved or deleted (0: today only). */
  FOCUS_BACKFILL_DAYS: Type.Integer({ minimum: 0, maximum: 365, default: 7 }),
  /** focus-service's credential for auth-service's internal routes: its entry in auth-service's INTERNAL_CALLERS. */
  FOCUS_SERVICE_INTERNAL_SECRET: InternalSecret('focushub-focus-service-internal-dev'),
  /**
   * Services that may call focus-service's /internal/* routes, each with its own secret (service:secret,…):
   * notification-service (agenda, review), the gateways (room presence reports). Named apart from
   * auth-service's INTERNAL_CALLERS, as the local stack shares one environment.
   */
  FOCUS_INTERNAL_CALLERS: InternalCallers(
    'notification-service:focushub-notification-service-internal-dev,gateway:focushub-gateway-internal-dev',
  ),
}

export type Config = Static<TObject<typeof configSchema>>

export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfig(configSchema, env)
