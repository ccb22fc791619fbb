import {
  contracts,
  type EventBus,
  type EventEnvelope,
  type EventHandler,
  type EventsConfig,
  type EventType,
  handle,
  recipientsOf,
  runEventConsumer,
} from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { LiveStreams } from './live.streams.ts'
import { publicEventOf } from './live-event.ts'

/** The topics whose every event is pushed to the users it concerns. */
const pushedTopics = [
  'focushub.task.events',
  'focushub.focus.events',
  'focushub.habit.events',
  'focushub.notification.events',
  'focushub.social.events',
] as const

/**
 * Every pushed event → each recipient's stream (and the channel every replica listens on); an auth
 * event that refuses an account ends that user's open streams, one that ends sign-ins the streams
 * opened in them. Events older than the resume window
 * (a new group starting from the beginning, a long outage) are not pushed: they are history, not news.
 */
export function liveHandlers(
  streams: LiveStreams,
  windowMs: number,
  now = () => Date.now(),
): EventHandler<undefined>[] {
  /** The batch's recent events, to their recipients' streams in one go. */
  const push = (events: EventEnvelope[]) =>
    streams.append(
      events
        .filter((event) => Date.parse(event.occurredAt) >= now() - windowMs)
        .map((event) => ({ eventId: event.id, json: publicEventOf(event), recipients: recipientsOf(event) })),
    )
  const pushed = pushedTopics.flatMap((topic) => Object.keys(contracts[topic]) as EventType[])
  const refusals = ['auth.user.status_changed', 'auth.user.deleted', 'auth.user.sessions_revoked'] as const
  return [
    handle(pushed, async (_: undefined, events) => {
      await push(events as EventEnvelope[])
    }),
    handle(refusals, async (_: undefined, events) => {
      for (const event of events) {
        if (event.type === 'auth.user.sessions_revoked')
          await streams.end(event.userId, 'session-revoked', event.data.sessionIds)
        else if (event.type === 'auth.user.deleted' || event.data.status !== 'active')
          await streams.end(event.userId, 'account-refused')
      }
    }),
  ]
}

/** Consumer group `gateway-live`: the replicas share the topics' partitions, each event is fanned out once. */
export function runLiveConsumer(app: App, bus: EventBus, streams: LiveStreams, config: EventsConfig, windowMs: number) {
  return runEventConsumer(app, {
    bus,
    groupId: 'gateway-live',
    topics: [...pushedTopics, 'focushub.auth.events'],
    handlers: liveHandlers(streams, windowMs),
    config,
  })
}
