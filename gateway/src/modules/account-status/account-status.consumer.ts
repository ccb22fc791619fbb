import { type EventBus, type EventHandler, type EventsConfig, handle, runEventConsumer } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { Redis } from 'ioredis'
import { type AccountStatusStore, createAccountStatusStore } from './account-status.store.ts'

/**
 * auth.user.status_changed, auth.user.deleted and auth.user.sessions_revoked → the account-status
 * store. The effect is idempotent (SET or DEL to what the event carries) and one user's events arrive in order,
 * so a redelivery changes nothing: no processed_events table (and no unit of work) for state kept in Redis.
 */
export function accountStatusHandlers(store: AccountStatusStore): EventHandler<undefined>[] {
  const types = ['auth.user.status_changed', 'auth.user.deleted', 'auth.user.sessions_revoked'] as const
  return [
    handle(types, async (_: undefined, events) => {
      for (const event of events) {
        if (event.type === 'auth.user.deleted') await store.refuse(event.userId, 'deleted')
        else if (event.type === 'auth.user.sessions_revoked')
          await store.revokeSessions(event.data.sessionIds, new Date(event.data.accessTokensExpireBy))
        else if (event.data.status === 'active') await store.allow(event.userId)
        else await store.refuse(event.userId, event.data.status)
      }
    }),
  ]
}

/** Runs consumer group `gateway` for the life of the app; every replica shares the group and the Redis store. */
export function runAccountStatusConsumer(app: App, bus: EventBus, redis: Redis, config: EventsConfig) {
  return runEventConsumer(app, {
    bus,
    groupId: 'gateway',
    topics: ['focushub.auth.events'],
    handlers: accountStatusHandlers(createAccountStatusStore(redis)),
    config,
  })
}
