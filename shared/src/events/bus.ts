/**
 * What the event code needs from a message transport. Kafka sits behind it (kafka-bus.ts, the only
 * module that knows kafkajs); the relay, the consumer runner and every service see only this, so
 * the client can be swapped.
 */
export interface BusMessage {
  /** Logical topic name (the platform's, without any environment prefix). */
  topic: string
  key: string
  value: string
  headers: Record<string, string>
}

export interface ReceivedMessage extends BusMessage {
  partition: number
  offset: string
}

export interface Publisher {
  /** Resolves once every message is durably acknowledged (all in-sync replicas), in order per key. */
  send(messages: BusMessage[]): Promise<void>
  close(): Promise<void>
}

export interface SubscriptionOptions {
  groupId: string
  topics: string[]
  /** Partitions handled at once; one partition's messages are always handled in order. */
  concurrency: number
  /** How long a member that stopped heartbeating keeps its partitions (the broker allows 6 s at least). */
  sessionTimeoutMs?: number
  /**
   * Handles a run of one partition's messages, in order. Each message passed to `acknowledge` is
   * committed afterwards; on rejection the unacknowledged ones are delivered again.
   */
  onBatch(messages: ReceivedMessage[], acknowledge: (message: ReceivedMessage) => void): Promise<void>
}

export interface Subscription {
  /** Lets the in-flight message finish, commits it and leaves the group. */
  stop(): Promise<void>
}

export interface EventBus {
  /**
   * Creates the platform's topics and their dead-letter twins where missing and resolves once every
   * partition has a leader; safe to call from every replica, and free once it has succeeded.
   */
  ensureTopics(): Promise<void>
  publisher(): Publisher
  subscribe(options: SubscriptionOptions): Subscription
  /** Readiness: resolves when the transport answers, throws with the reason when it does not. */
  ping(): Promise<unknown>
  /** Closes what the bus holds itself (publishers and subscriptions close on their own). */
  close(): Promise<void>
}
