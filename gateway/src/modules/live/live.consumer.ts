import {
  type App,
  type ConsumedEvent,
  contracts,
  type EventEnvelope,
  type EventHandlers,
  type EventsConfig,
  type EventType,
  openEventBus,
  runEventConsumer,
} from '@focushub/shared'
import type { Kafka } from 'kafkajs'
import type { LiveStreams } from './live.streams.ts'
import { publicEventOf, recipientsOf } from './live-event.ts'

/** The topics whose every event is pushed to the users it concerns. */
const pushedTopics = ['focushub.task.events', 'focushub.focus.events', 'focushub.habit.events'] as const

/**
 * Every pushed event → each recipient's stream (and the channel every replica listens on); an auth
 * event that refuses an account ends that user's open streams, one that ends sign-ins the streams
 * opened in them. Events older than the resume window
 * (a new group starting from the beginning, a long outage) are not pushed: they are history, not news.
 */
export function liveHandlers(streams: LiveStreams, windowMs: number, now = () => Date.now()): EventHandlers {
  const push = async (event: EventEnvelope) => {
    if (Date.parse(event.occurredAt) < now() - windowMs) return
    await streams.append(event.id, publicEventOf(event), recipientsOf(event))
  }
  const pushed = pushedTopics.flatMap((topic) => Object.keys(contracts[topic]) as EventType[])
  return {
    ...Object.fromEntries(pushed.map((type) => [type, push])),
    'auth.user.status_changed': async (event: ConsumedEvent<'auth.user.status_changed'>) => {
      if (event.data.status !== 'active') await streams.end(event.userId, 'account-refused')
    },
    'auth.user.deleted': async (event: ConsumedEvent<'auth.user.deleted'>) => {
      await streams.end(event.userId, 'account-refused')
    },
    'auth.user.sessions_revoked': async (event: ConsumedEvent<'auth.user.sessions_revoked'>) => {
      await streams.end(event.userId, 'session-revoked', event.data.sessionIds)
    },
  }
}

/** Consumer group `gateway-live`: the replicas share the topics' partitions, each event is fanned out once. */
export function runLiveConsumer(app: App, kafka: Kafka, streams: LiveStreams, config: EventsConfig, windowMs: number) {
  return runEventConsumer(app, {
    bus: openEventBus(app, kafka, config),
    groupId: 'gateway-live',
    topics: [...pushedTopics, 'focushub.auth.events'],
    handlers: liveHandlers(streams, windowMs),
    config,
  })
}
