import Type, { type Static, type TObject } from 'typebox'

/** Every topic the platform owns; each has a dead-letter twin `<topic>.dlq`. */
export const platformTopics = [
  'focushub.auth.events',
  'focushub.task.events',
  'focushub.focus.events',
  'focushub.habit.events',
  'focushub.notification.events',
  'focushub.social.events',
] as const

export type PlatformTopic = (typeof platformTopics)[number]

export const deadLetterTopic = (topic: string) => `${topic}.dlq`

/** Variables of the event backbone, read by every producing or consuming process. */
export const eventsConfig = {
  KAFKA_TOPIC_PREFIX: Type.String({
    pattern: '^[A-Za-z0-9._-]{0,100}$',
    default: '',
    description: 'prefix of every topic and consumer group name (empty in production; tests set their own)',
  }),
  KAFKA_TOPIC_PARTITIONS: Type.Integer({ minimum: 1, maximum: 1000, default: 6 }),
  OUTBOX_RELAY_ENABLED: Type.Boolean({ default: true }),
  OUTBOX_RETENTION_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 72 }),
  OUTBOX_POLL_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
  OUTBOX_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
  CONSUMER_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  CONSUMER_RETRY_BACKOFF_MS: Type.Integer({ minimum: 1, maximum: 60_000, default: 200 }),
  CONSUMER_SESSION_TIMEOUT_MS: Type.Integer({
    minimum: 6000,
    maximum: 300_000,
    default: 30_000,
    description: 'how long a silent consumer keeps its partitions before the group gives them to another',
  }),
  PROCESSED_EVENTS_RETENTION_HOURS: Type.Integer({
    minimum: 1,
    maximum: 24 * 365,
    default: 336,
    description: 'how long a consumer remembers an applied event; longer than the topics keep events',
  }),
  IDEMPOTENT_WRITES_RETENTION_HOURS: Type.Integer({
    minimum: 1,
    maximum: 24 * 30,
    default: 48,
    description: 'how long a service remembers a keyed write and its answer; longer than the gateway keeps answers',
  }),
}

export type EventsConfig = Static<TObject<typeof eventsConfig>>
