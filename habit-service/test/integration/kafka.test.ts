import { randomUUID } from 'node:crypto'
import { createEvent, createKafka, createKafkaBus } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHabitService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService({ OUTBOX_RELAY_ENABLED: 'true' })
  await service.app.ready()
})
afterAll(() => service.close())

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('habit-service on real Kafka', () => {
  it('consumes a published focus.session.completed and publishes the unlock it causes', async () => {
    const userId = randomUUID()
    const log = service.app.log
    const bus = createKafkaBus(createKafka(service.config.KAFKA_BROKERS, 'habit-kafka-test', log), {
      prefix: service.prefix,
      partitions: 1,
      log,
    })
    const { topic, event } = createEvent(
      'focus.session.completed',
      {
        sessionId: randomUUID(),
        taskId: null,
        habitId: null,
        focusedMinutes: 25,
        pomodoros: 1,
        startedAt: '2026-03-10T09:00:00.000Z',
        endedAt: '2026-03-10T09:25:00.000Z',
        localDate: '2026-03-10',
        manual: false,
        completedBy: 'timer',
      },
      { producer: 'focus-service', userId, requestId: 'kafka-test' },
    )
    const publisher = bus.publisher()
    await bus.ensureTopics()
    await publisher.send([{ topic, key: userId, value: JSON.stringify(event), headers: {} }])
    await publisher.close()

    const unlock = await eventually(() =>
      service.db.selectFrom('achievement_unlocks').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    )
    expect(unlock.achievement_id).toBe('first-focus-session')
    const published = await eventually(() =>
      service.db
        .selectFrom('outbox')
        .select(['type', 'published_at'])
        .where('key', '=', userId)
        .where('published_at', 'is not', null)
        .executeTakeFirst(),
    )
    expect(published.type).toBe('habit.achievement.unlocked')
  })
})
