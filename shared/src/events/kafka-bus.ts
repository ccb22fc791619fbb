import type { FastifyBaseLogger } from 'fastify'
import { type Admin, type Consumer, type IHeaders, type Kafka, Partitioners, type Producer } from 'kafkajs'
import { gaugeIn, type Registry } from '../metrics/registry.ts'
import { backoff, createPause } from './backoff.ts'
import type { BusMessage, EventBus, Publisher, Subscription, SubscriptionOptions } from './bus.ts'
import { createKafka, kafkaCheck } from './kafka.ts'
import { deadLetterTopic, platformTopics } from './topics.ts'

export interface KafkaBusOptions {
  /** Prepended to every topic and consumer group: lets environments (and test suites) share a cluster. */
  prefix: string
  partitions: number
  log: FastifyBaseLogger
  /** The process's registry: each subscription reports its lag there (`consumer_lag_events`). */
  metrics?: Registry
}

/** Most messages handed to one onBatch call: bounds a consumer's transaction. */
const maxRun = 200

function textHeaders(headers: IHeaders | undefined) {
  const text: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) text[name] = Array.isArray(value) ? value.join(',') : value.toString()
  }
  return text
}

/** The event bus over kafkajs: idempotent acks=all producer, offsets committed once handled. */
export function createKafkaBus(kafka: Kafka, options: KafkaBusOptions): EventBus {
  const physical = (topic: string) => `${options.prefix}${topic}`
  const logical = (topic: string) => topic.slice(options.prefix.length)

  /**
   * Creates the platform's topics that are missing and waits until every partition has a leader: a
   * topic another replica has just created (or is creating) is listed before its partitions can take
   * a write, and a producer's or consumer's first request would fail with "not the leader". Once
   * they are ready, later calls cost nothing.
   */
  let topicsReady: Promise<void> | undefined
  function ensureTopics() {
    topicsReady ??= createTopicsWithLeaders().catch((error) => {
      topicsReady = undefined
      throw error
    })
    return topicsReady
  }

  async function createTopicsWithLeaders() {
    const admin = kafka.admin()
    await admin.connect()
    try {
      const wanted = platformTopics.flatMap((topic) => [topic, deadLetterTopic(topic)]).map(physical)
      const existing = new Set(await admin.listTopics())
      const missing = wanted.filter((topic) => !existing.has(topic))
      if (missing.length > 0) {
        try {
          await admin.createTopics({
            topics: missing.map((topic) => ({ topic, numPartitions: options.partitions, replicationFactor: -1 })),
          })
        } catch (error) {
          // Another replica created them first.
          if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error
        }
      }
      await waitForLeaders(admin, wanted)
    } finally {
      await admin.disconnect()
    }
  }

  function publisher(): Publisher {
    let producer: Producer | undefined
    let connecting: Promise<Producer> | undefined
    const connect = () => {
      connecting ??= (async () => {
        const created = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
          createPartitioner: Partitioners.DefaultPartitioner,
        })
        await created.connect()
        producer = created
        return created
      })().finally(() => {
        connecting = undefined
      })
      return connecting
    }
    return {
      async send(messages: BusMessage[]) {
        if (messages.length === 0) return
        const byTopic = new Map<string, BusMessage[]>()
        for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message])
        try {
          const active = producer ?? (await connect())
          await active.sendBatch({
            acks: -1,
            topicMessages: [...byTopic].map(([topic, list]) => ({
              topic: physical(topic),
              messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
            })),
          })
        } catch (error) {
          // A fresh producer (new producer id) after a failure: no stale sequence numbers after a broker restart.
          const failed = producer
          producer = undefined
          await failed?.disconnect().catch(() => {})
          throw error
        }
      },
      async close() {
        await producer?.disconnect()
        producer = undefined
      },
    }
  }

  function subscribe(subscription: SubscriptionOptions): Subscription {
    let stopping = false
    let consumer: Consumer | undefined
    const pause = createPause()
    const log = options.log.child({ component: 'consumer', group: physical(subscription.groupId) })
    const lag = lagRecorder(subscription.groupId)

    async function start(attempt = 0): Promise<void> {
      if (stopping) return
      const created = kafka.consumer({
        groupId: physical(subscription.groupId),
        allowAutoTopicCreation: false,
        // Short long-polls: a stop waits for the fetch in flight.
        maxWaitTimeInMs: 500,
        ...(subscription.sessionTimeoutMs
          ? { sessionTimeout: subscription.sessionTimeoutMs, heartbeatInterval: subscription.sessionTimeoutMs / 10 }
          : {}),
      })
      consumer = created
      try {
        await ensureTopics()
        await created.connect()
        await created.subscribe({ topics: subscription.topics.map(physical), fromBeginning: true })
        created.on(created.events.GROUP_JOIN, lag.forgetPartitions)
        created.on(created.events.CRASH, ({ payload }) => {
          if (payload.restart || stopping) return
          log.warn({ err: payload.error.message }, 'consumer crashed; restarting')
          running = created.disconnect().finally(() => start())
        })
        // Stopped while starting: it joins no group (stop disconnects it once this start has settled).
        if (stopping) return
        await created.run({
          // Offsets are resolved only once the handler's effect committed, and kafkajs commits
          // resolved offsets every 250 ms and on stop.
          autoCommit: true,
          autoCommitInterval: 250,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: subscription.concurrency,
          eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
            lag.record(logical(batch.topic), batch.partition, Number(batch.offsetLag()))
            const messages = batch.messages.map((message) => ({
              topic: logical(batch.topic),
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              headers: textHeaders(message.headers),
            }))
            for (let start = 0; start < messages.length && isRunning() && !isStale(); start += maxRun) {
              await subscription.onBatch(messages.slice(start, start + maxRun), (message) =>
                resolveOffset(message.offset),
              )
              await heartbeat()
            }
          },
        })
      } catch (error) {
        await created.disconnect().catch(() => {})
        if (stopping) return
        const wait = backoff(attempt, 200)
        log.warn({ err: (error as Error).message, retryInMs: wait }, 'consumer could not start')
        await pause.sleep(wait)
        return start(attempt + 1)
      }
    }

    // The start in progress (the first, a retry after a failed one, or a restart after a crash).
    let running = start()
    return {
      /**
       * Stops consuming and leaves the group. A start in progress settles first (it stops at its next
       * step, or finishes joining), so no consumer connects after its stop and stays in the group.
       */
      async stop() {
        stopping = true
        pause.wake()
        await running
        await consumer?.stop().catch(() => {})
        await consumer?.disconnect().catch(() => {})
        lag.forgetPartitions()
      },
    }
  }

  /**
   * `consumer_lag_events{group,topic,partition}`: what a partition held beyond each batch as it arrived
   * (its high watermark less the batch's last offset + 1). A partition handed to another member after a
   * rebalance leaves this one's series; the member that took it reports from its first batch.
   */
  function lagRecorder(group: string) {
    const gauge =
      options.metrics &&
      gaugeIn(options.metrics, {
        name: 'consumer_lag_events',
        help: 'Events of a partition beyond the last batch its consumer group received',
        labelNames: ['group', 'topic', 'partition'],
      })
    const reported = new Map<string, { group: string; topic: string; partition: number }>()
    return {
      record(topic: string, partition: number, events: number) {
        if (!gauge) return
        const labels = { group, topic, partition }
        reported.set(`${topic}:${partition}`, labels)
        gauge.set(labels, events)
      },
      forgetPartitions() {
        for (const labels of reported.values()) gauge?.remove(labels)
        reported.clear()
      },
    }
  }

  const check = kafkaCheck(kafka)
  return { ensureTopics, publisher, subscribe, ping: check, close: check.close }
}

export interface KafkaConnection extends KafkaBusOptions {
  /** Comma-separated host:port list. */
  brokers: string
  /** How the broker and the logs name this process. */
  clientId: string
}

/** The event bus over a kafkajs client of its own. */
export function connectKafkaBus(connection: KafkaConnection): EventBus {
  return createKafkaBus(createKafka(connection.brokers, connection.clientId, connection.log), connection)
}

/** How long a new topic may take to get its partitions' leaders (a busy single broker takes seconds). */
const leaderWaitMs = 30_000

/** Resolves once every partition of `topics` has a leader; throws after leaderWaitMs. */
async function waitForLeaders(admin: Admin, topics: string[]) {
  const deadline = Date.now() + leaderWaitMs
  for (let attempt = 0; ; attempt++) {
    const led = await admin
      .fetchTopicMetadata({ topics })
      .then(({ topics: found }) =>
        found.every(({ partitions }) =>
          partitions.every(({ leader, partitionErrorCode }) => leader >= 0 && partitionErrorCode === 0),
        ),
      )
      // A topic not yet known to the broker answering the metadata request.
      .catch(() => false)
    if (led) return
    if (Date.now() > deadline)
      throw new Error(`the partitions of ${topics.length} topics have no leader after ${leaderWaitMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, backoff(attempt, 100, 1000)))
  }
}
