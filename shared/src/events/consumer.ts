import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { backoff, createPause } from './backoff.ts'
import type { EventBus, ReceivedMessage } from './bus.ts'
import type { EventData, EventType } from './contracts/index.ts'
import { type EventEnvelope, validateEvent } from './envelope.ts'
import { applyTogether, type ProcessedEventsDatabase } from './processed-events.ts'
import { deadLetterTopic } from './topics.ts'

export type ConsumedEvent<T extends EventType> = Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: EventData<T> }

/** What a consumer does with each event type it cares about; other types are acknowledged untouched. */
export type EventHandlers = { [T in EventType]?: (event: ConsumedEvent<T>) => Promise<void> }

export interface EventConsumerOptions {
  bus: EventBus
  /** One group per service: every replica shares the work, each event goes to one of them. */
  groupId: string
  topics: string[]
  handlers: EventHandlers
  log: FastifyBaseLogger
  maxAttempts: number
  retryBackoffMs: number
  concurrency?: number
  /** How long a consumer that stopped answering (killed) keeps its partitions; kafkajs's default is 30 s. */
  sessionTimeoutMs?: number
  /**
   * The database the handlers' applyOnce effects write to: a run of one partition's events is then
   * applied in one transaction (one commit instead of one per event). If the run fails, its events
   * are applied again one by one, with retries and the DLQ, so one bad event costs only itself.
   */
  db?: Kysely<ProcessedEventsDatabase>
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
 * With `db`, runs of events share one transaction.
 */
export function startEventConsumer(options: EventConsumerOptions) {
  const log = options.log.child({ component: 'event-consumer', group: options.groupId })
  const deadLetters = options.bus.publisher()
  const pause = createPause()
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
  }

  const handlerOf = (event: EventEnvelope) =>
    options.handlers[event.type as EventType] as ((event: EventEnvelope) => Promise<void>) | undefined

  async function onMessage(message: ReceivedMessage) {
    let event: EventEnvelope
    try {
      event = decode(message)
    } catch (error) {
      return toDeadLetters(message, error, 0)
    }
    const handler = handlerOf(event)
    if (!handler) return
    for (let attempt = 1; ; attempt++) {
      try {
        return await handler(event)
      } catch (error) {
        if (attempt >= options.maxAttempts) return toDeadLetters(message, error, attempt)
        // Stopping mid-retry: leave the event unacknowledged for the next owner of the partition.
        if (stopping) throw error
        log.warn({ err: (error as Error).message, eventId: event.id, attempt }, 'event handler failed; retrying')
        await pause.sleep(backoff(attempt - 1, options.retryBackoffMs))
      }
    }
  }

  /** Applies a run in one transaction; false when any event is malformed or any handler fails. */
  async function applyRun(db: Kysely<ProcessedEventsDatabase>, messages: ReceivedMessage[]) {
    try {
      const events = messages.map(decode)
      await applyTogether(db, async () => {
        for (const event of events) await handlerOf(event)?.(event)
      })
      return true
    } catch (error) {
      log.debug({ err: (error as Error).message, events: messages.length }, 'run failed; applying one by one')
      return false
    }
  }

  async function onBatch(messages: ReceivedMessage[], acknowledge: (message: ReceivedMessage) => void) {
    if (options.db && messages.length > 1 && !stopping && (await applyRun(options.db, messages))) {
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
