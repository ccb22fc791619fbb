import { type App, type EventHandlers, type EventsConfig, openEventBus, runEventConsumer } from '@focushub/shared'
import type { Redis } from 'ioredis'
import type { Kafka } from 'kafkajs'
import { type AccountStatusStore, createAccountStatusStore } from './account-status.store.ts'

/**
 * auth.user.status_changed, auth.user.deleted and auth.user.sessions_revoked → the account-status
 * store. The effect is idempotent (SET or DEL to what the event carries) and one user's events arrive in order,
 * so a redelivery changes nothing: no processed_events table needed for state kept in Redis.
 */
export function accountStatusHandlers(store: AccountStatusStore): EventHandlers {
  return {
    'auth.user.status_changed': async ({ userId, data }) => {
      if (data.status === 'active') await store.allow(userId)
      else await store.refuse(userId, data.status)
    },
    'auth.user.deleted': async ({ userId }) => {
      await store.refuse(userId, 'deleted')
    },
    'auth.user.sessions_revoked': async ({ data }) => {
      await store.revokeSessions(data.sessionIds, new Date(data.accessTokensExpireBy))
    },
  }
}

/** Runs consumer group `gateway` for the life of the app; every replica shares the group and the Redis store. */
export function runAccountStatusConsumer(app: App, kafka: Kafka, redis: Redis, config: EventsConfig) {
  return runEventConsumer(app, {
    bus: openEventBus(app, kafka, config),
    groupId: 'gateway',
    topics: ['focushub.auth.events'],
    handlers: accountStatusHandlers(createAccountStatusStore(redis)),
    config,
  })
}
