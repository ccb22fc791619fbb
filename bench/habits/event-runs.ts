// Drives habit-service's event handlers through the shared consumer (startEventConsumer), as
// production does, over an in-memory bus instead of Kafka: the bench hands the consumer each
// partition's messages in runs of at most 200 (kafka-bus's run size), `concurrency` partitions
// at a time, each partition in order.
import { randomUUID } from 'node:crypto'
import {
  createEvent,
  type EventBus,
  type EventData,
  type EventHandler,
  type EventType,
  type ReceivedMessage,
  type SubscriptionOptions,
  startEventConsumer,
} from '@focushub/shared/events'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import { consumedTopics } from '../../habit-service/src/consumers/index.ts'
import type { Database } from '../../habit-service/src/db/tables.ts'
import { type HabitWork, habitWork } from '../../habit-service/src/events/habit-work.ts'

const runSize = 200
const partitionCount = 6

/** A bus whose one subscriber gets the runs the bench delivers; anything sent (the DLQ) is counted as a failure. */
function benchBus() {
  let subscriber: SubscriptionOptions | undefined
  const deadLetters: string[] = []
  const bus: EventBus = {
    ensureTopics: async () => {},
    publisher: () => ({
      send: async (messages) => {
        deadLetters.push(...messages.map((message) => message.headers['dlq-error'] ?? 'sent'))
      },
      close: async () => {},
    }),
    subscribe(options) {
      subscriber = options
      return { stop: async () => {} }
    },
    ping: async () => {},
    close: async () => {},
  }
  const deliver = (messages: ReceivedMessage[]) => (subscriber as SubscriptionOptions).onBatch(messages, () => {})
  return { bus, deliver, deadLetters }
}

function message<T extends EventType>(type: T, user: string, data: EventData<T>, partition: number, offset: number) {
  const { topic, event } = createEvent(type, data, { producer: 'bench', userId: user, requestId: 'bench' })
  return { topic, key: user, value: JSON.stringify(event), headers: {}, partition, offset: String(offset) }
}

/** The n-th event of a user: 80% sessions, 10% tasks, 10% daily goals (a different past day each). */
function eventOf(user: string, n: number, partition: number, offset: number): ReceivedMessage {
  const now = new Date().toISOString()
  const today = now.slice(0, 10)
  if (n % 10 === 8) {
    return message(
      'task.completed',
      user,
      {
        taskId: randomUUID(),
        projectId: randomUUID(),
        title: 't',
        status: 'done',
        assigneeId: null,
        version: 2,
        audience: [user],
        completedAt: now,
        localDate: today,
        nextOccurrenceId: null,
      },
      partition,
      offset,
    )
  }
  if (n % 10 === 9) {
    const localDate = new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
    return message(
      'focus.daily_goal.achieved',
      user,
      { localDate, goalMinutes: 60, focusedMinutes: 60 },
      partition,
      offset,
    )
  }
  const session = {
    sessionId: randomUUID(),
    taskId: null,
    habitId: null,
    focusedMinutes: 25,
    pomodoros: 1,
    startedAt: now,
    endedAt: now,
    localDate: today,
    manual: false,
    completedBy: 'timer' as const,
  }
  return message('focus.session.completed', user, session, partition, offset)
}

/**
 * The events of `users`, `perUser` each, in the partitions their topics have (6 each), keyed by
 * user as the producers key them: a partition interleaves its users' events in order.
 */
export function partitionsOf(users: string[], perUser: number) {
  const partitions = new Map<string, ReceivedMessage[]>()
  for (let n = 0; n < perUser; n++) {
    for (const [u, user] of users.entries()) {
      const partition = u % partitionCount
      const event = eventOf(user, n, partition, 0)
      const key = `${event.topic}/${partition}`
      const queue = partitions.get(key) ?? []
      queue.push({ ...event, offset: String(queue.length) })
      partitions.set(key, queue)
    }
  }
  return [...partitions.values()]
}

/**
 * Drains the partitions through a shared consumer given `handlers`, in runs of up to `runSize`
 * events (production's mode; 1 gives each event a unit of work of its own). Answers the seconds taken.
 */
export async function drain(
  partitions: ReceivedMessage[][],
  setup: {
    handlers: EventHandler<HabitWork>[]
    db: Kysely<Database>
    runSize?: number
    concurrency: number
    log: FastifyBaseLogger
  },
) {
  const size = setup.runSize ?? runSize
  const { bus, deliver, deadLetters } = benchBus()
  const consumer = startEventConsumer({
    bus,
    groupId: 'habit-service',
    topics: consumedTopics,
    handlers: setup.handlers,
    log: setup.log,
    maxAttempts: 1,
    retryBackoffMs: 1,
    db: setup.db,
    kind: habitWork,
  })
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: setup.concurrency }, async () => {
      while (next < partitions.length) {
        const queue = partitions[next++] as ReceivedMessage[]
        for (let start = 0; start < queue.length; start += size) await deliver(queue.slice(start, start + size))
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  await consumer.stop()
  if (deadLetters.length > 0) throw new Error(`${deadLetters.length} events went to the DLQ: ${deadLetters[0]}`)
  return seconds
}
