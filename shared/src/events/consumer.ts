import type { FastifyBaseLogger } from 'fastify'
import { counterIn, type Registry } from '../metrics/registry.ts'
import { inConsumeSpan } from '../tracing/index.ts'
import { backoff, createPause } from './backoff.ts'
import type { EventBus, ReceivedMessage } from './bus.ts'
import { type EventEnvelope, validateEvent } from './envelope.ts'
import { type ConsumerWork, createEventApplier, type EventApplierOptions } from './event-handlers.ts'
import { deadLetterTopic } from './topics.ts'

export interface EventConsumerOptions<W extends ConsumerWork | undefined> extends EventApplierOptions<W> {
  bus: EventBus
  /** One group per service: every replica shares the work, each event goes to one of them. */
  groupId: string
  topics: string[]
  log: FastifyBaseLogger
  maxAttempts: number
  retryBackoffMs: number
  concurrency?: number
  /** How long a consumer that stopped answering (killed) keeps its partitions; kafkajs's default is 30 s. */
  sessionTimeoutMs?: number
  /** The process's registry: events applied and dead-lettered are counted there. */
  metrics?: Registry
}

/** Parses and validates a message: an unknown type or version, or a broken payload, throws. */
function decode(message: ReceivedMessage) {
  const event = JSON.parse(message.value) as EventEnvelope
  validateEvent(event)
  return event
}

/**
 * Runs a consumer group: each event validated, handled with retries and backoff, then sent to
 * `<topic>.dlq` with the error in its headers; offsets move only once the handler has finished.
 * With `db`, runs of events share one unit of work.
 */
export function startEventConsumer<W extends ConsumerWork | undefined>(options: EventConsumerOptions<W>) {
  const apply = createEventApplier(options)
  const log = options.log.child({ component: 'event-consumer', group: options.groupId })
  const deadLetters = options.bus.publisher()
  const pause = createPause()
  const counted = outcomeCounters(options.groupId, options.topics, options.metrics)
  let stopping = false

  async function toDeadLetters(message: ReceivedMessage, error: unknown, attempts: number) {
    const reason = error instanceof Error ? error.message : String(error)
    log.error({ err: reason, topic: message.topic, offset: message.offset, attempts }, 'event sent to the DLQ')
    await deadLetters.send([
      {
        topic: deadLetterTopic(message.topic),
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'dlq-error': reason.slice(0, 1000),
          'dlq-error-name': error instanceof Error ? error.name : 'Error',
          'dlq-attempts': String(attempts),
          'dlq-consumer-group': options.groupId,
          'dlq-original-topic': message.topic,
          'dlq-original-partition': String(message.partition),
          'dlq-original-offset': message.offset,
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ])
    counted.deadLettered(message.topic)
  }

  const onMessage = (message: ReceivedMessage) => inConsumeSpan(options.groupId, [message], () => applyOne(message))

  async function applyOne(message: ReceivedMessage) {
    let event: EventEnvelope
    try {
      event = decode(message)
    } catch (error) {
      return toDeadLetters(message, error, 0)
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await apply([event])
        counted.applied(message.topic, [event])
        return
      } catch (error) {
        if (attempt >= options.maxAttempts) return toDeadLetters(message, error, attempt)
        // Stopping mid-retry: leave the event unacknowledged for the next owner of the partition.
        if (stopping) throw error
        log.warn({ err: (error as Error).message, eventId: event.id, attempt }, 'event handler failed; retrying')
        await pause.sleep(backoff(attempt - 1, options.retryBackoffMs))
      }
    }
  }

  /** Applies a run whole; false when any event is malformed or the run fails. */
  async function applyRun(messages: ReceivedMessage[]) {
    try {
      const events = messages.map(decode)
      await inConsumeSpan(options.groupId, messages, () => apply(events))
      // A run is one partition's, so of one topic.
      counted.applied(messages[0].topic, events)
      return true
    } catch (error) {
      log.debug({ err: (error as Error).message, events: messages.length }, 'run failed; applying one at a time')
      return false
    }
  }

  async function onBatch(messages: ReceivedMessage[], acknowledge: (message: ReceivedMessage) => void) {
    if (options.db && messages.length > 1 && !stopping && (await applyRun(messages))) {
      for (const message of messages) acknowledge(message)
      return
    }
    for (const message of messages) {
      await onMessage(message)
      acknowledge(message)
    }
  }

  const subscription = options.bus.subscribe({
    groupId: options.groupId,
    topics: options.topics,
    concurrency: options.concurrency ?? 3,
    sessionTimeoutMs: options.sessionTimeoutMs,
    onBatch,
  })

  return {
    /** Finishes the in-flight event, commits its offset and leaves the group. */
    async stop() {
      stopping = true
      pause.wake()
      await subscription.stop()
      await deadLetters.close()
    },
  }
}

/** `events_applied_total{group,topic,type}` and `events_dead_lettered_total{group,topic}`, when given a registry. */
function outcomeCounters(group: string, topics: string[], registry: Registry | undefined) {
  if (!registry) return { applied: () => {}, deadLettered: () => {} }
  const applied = counterIn(registry, {
    name: 'events_applied_total',
    help: 'Events a consumer group handled and acknowledged, by topic and event type',
    labelNames: ['group', 'topic', 'type'],
  })
  const deadLettered = counterIn(registry, {
    name: 'events_dead_lettered_total',
    help: 'Events a consumer group sent to the dead-letter topic, by original topic',
    labelNames: ['group', 'topic'],
  })
  // At 0 from the start, so that the first dead letter is an increase an alert sees.
  for (const topic of topics) deadLettered.inc({ group, topic }, 0)
  return {
    applied(topic: string, events: EventEnvelope[]) {
      for (const event of events) applied.inc({ group, topic, type: event.type })
    },
    deadLettered(topic: string) {
      deadLettered.inc({ group, topic })
    },
  }
}
