import { createKafka, createKafkaBus, type EventEnvelope } from '@focushub/shared/events'
import { createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, ok, registerUser, startTaskService, type TestService } from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startTaskService({ OUTBOX_RELAY_ENABLED: 'true' })
})
afterAll(() => service.close())

describe('task-service runs its outbox relay', () => {
  it('publishes task events on focushub.task.events, keyed by the acting user, and marks them published', async () => {
    const user = await registerUser(service)
    const task = await ok<{ id: string }>(call(service, user, 'POST', '/tasks', { title: 'Announced' }), 201)
    await ok(call(service, user, 'POST', `/tasks/${task.id}/complete`))

    const log = createApp({ service: 'task-events-test', logLevel: 'silent' }).log
    const bus = createKafkaBus(createKafka(service.config.KAFKA_BROKERS, 'task-events-test', log), {
      prefix: service.config.KAFKA_TOPIC_PREFIX,
      partitions: 1,
      log,
    })
    const seen: (EventEnvelope & { key: string })[] = []
    const subscription = bus.subscribe({
      groupId: 'task-events-reader',
      topics: ['focushub.task.events'],
      concurrency: 1,
      onBatch: async (messages, acknowledge) => {
        for (const message of messages) {
          seen.push({ ...JSON.parse(message.value), key: message.key })
          acknowledge(message)
        }
      },
    })
    try {
      await expect.poll(() => seen.filter((e) => e.data.taskId === task.id).length, { timeout: 25_000 }).toBe(2)
    } finally {
      await subscription.stop()
    }
    const mine = seen.filter((e) => e.data.taskId === task.id)
    expect(mine.map((e) => [e.type, e.key])).toEqual([
      ['task.created', user.id],
      ['task.completed', user.id],
    ])
    const waiting = await service.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()
    expect(waiting).toEqual([])
  }, 30_000)
})
