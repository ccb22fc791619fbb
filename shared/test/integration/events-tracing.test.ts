import { context, propagation, SpanKind, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEventConsumer } from '../../src/events/consumer.ts'
import type { OutboxRelay } from '../../src/events/outbox-relay.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import {
  databaseUrl,
  effectHandler,
  eventually,
  kafkaClient,
  migrations,
  readTopic,
  relayOptions,
  silent,
  startOutboxRelay,
  type TestDatabase,
  testBus,
  uniquePrefix,
  writeEvent,
} from '../support/events.ts'

/**
 * A request's trace goes on through the outbox and Kafka (shared/src/tracing): the relay's publish
 * span is a child of the span that wrote the event, and the consumer's span a child of the publish.
 * The SDK here is the one register.ts starts in a process, with spans kept in memory.
 */
const exporter = new InMemorySpanExporter()
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] })
const prefix = uniquePrefix()
const user = '0190e6f8-0000-7000-8000-0000000000c1'
let database: Schema<TestDatabase>
let db: Kysely<TestDatabase>
let relay: OutboxRelay

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  trace.setGlobalTracerProvider(provider)
  database = await createTestDatabase<TestDatabase>(databaseUrl, migrations)
  db = database.db
  relay = startOutboxRelay({ ...relayOptions, db, bus: testBus(kafkaClient(), prefix) })
})
afterAll(async () => {
  await relay.stop()
  await database.destroy()
  await provider.shutdown()
  trace.disable()
  propagation.disable()
  context.disable()
})

describe('a trace through the outbox and Kafka', () => {
  it('links the request, the publish and the consumer as parent and children', async () => {
    const request = trace.getTracer('test').startSpan('POST /things', { kind: SpanKind.SERVER })
    const event = await context.with(trace.setSpan(context.active(), request), () => writeEvent(db, user, 'traced'))
    request.end()
    const stored = await db
      .selectFrom('outbox')
      .select('traceparent')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow()
    expect(stored.traceparent).toBe(`00-${request.spanContext().traceId}-${request.spanContext().spanId}-01`)

    const consumer = startEventConsumer({
      bus: testBus(kafkaClient(), prefix),
      db,
      log: silent,
      maxAttempts: 3,
      retryBackoffMs: 20,
      topics: ['focushub.auth.events'],
      groupId: 'traced',
      handlers: [effectHandler('traced')],
    })
    try {
      const spans = await eventually(
        async () => exporter.getFinishedSpans(),
        (finished) => finished.some((span) => span.kind === SpanKind.CONSUMER),
      )
      const publish = spans.find((span) => span.kind === SpanKind.PRODUCER)
      const consume = spans.find((span) => span.kind === SpanKind.CONSUMER)
      expect(publish?.name).toBe('publish focushub.auth.events')
      expect(publish?.spanContext().traceId).toBe(request.spanContext().traceId)
      expect(publish?.parentSpanContext?.spanId).toBe(request.spanContext().spanId)
      expect(consume?.spanContext().traceId).toBe(request.spanContext().traceId)
      expect(consume?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId)
      expect(consume?.attributes['messaging.consumer.group.name']).toBe('traced')

      // The message itself carries the publish span's context, for any consumer.
      const [message] = await readTopic(kafkaClient(), `${prefix}focushub.auth.events`, 1)
      expect(message?.headers.traceparent).toBe(
        `00-${request.spanContext().traceId}-${publish?.spanContext().spanId}-01`,
      )
    } finally {
      await consumer.stop()
    }
  })

  it('publishes an event written outside any trace without a traceparent', async () => {
    const event = await writeEvent(db, user, 'untraced')
    const stored = await db
      .selectFrom('outbox')
      .select('traceparent')
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow()
    expect(stored.traceparent).toBeNull()
  })
})
