import { randomUUID } from 'node:crypto'
import { createEvent, createKafka, createKafkaBus } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startNotificationService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startNotificationService({ OUTBOX_RELAY_ENABLED: 'true' })
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

describe('notification-service on real Kafka', () => {
  it('consumes a published project.invitation_received and publishes the notification it creates', async () => {
    const inviteeId = randomUUID()
    const log = service.app.log
    const bus = createKafkaBus(createKafka(service.config.KAFKA_BROKERS, 'notification-kafka-test', log), {
      prefix: service.prefix,
      partitions: 1,
      log,
    })
    const { topic, event } = createEvent(
      'project.invitation_received',
      {
        invitationId: randomUUID(),
        projectId: randomUUID(),
        projectName: 'Kafka garden',
        role: 'viewer',
        invitedBy: randomUUID(),
        expiresAt: '2026-12-13T12:00:00.000Z',
      },
      { producer: 'task-service', userId: inviteeId, requestId: 'kafka-test' },
    )
    const publisher = bus.publisher()
    await bus.ensureTopics()
    await publisher.send([{ topic, key: inviteeId, value: JSON.stringify(event), headers: {} }])
    await publisher.close()

    const notification = await eventually(() =>
      service.db.selectFrom('notifications').selectAll().where('user_id', '=', inviteeId).executeTakeFirst(),
    )
    expect(notification.title).toBe('Invitation to Kafka garden')
    const published = await eventually(() =>
      service.db
        .selectFrom('outbox')
        .select(['type', 'envelope', 'published_at'])
        .where('key', '=', inviteeId)
        .where('published_at', 'is not', null)
        .executeTakeFirst(),
    )
    expect(published.type).toBe('notification.created')
    expect(published.envelope).toMatchObject({ requestId: 'kafka-test', data: { notificationId: notification.id } })
  })
})
