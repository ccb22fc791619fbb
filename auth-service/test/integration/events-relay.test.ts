import { createKafka, createKafkaBus } from '@focushub/shared/events'
import { testTopicPrefix } from '@focushub/shared/testing'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, loginUser, registerUser, startAuthService, type TestService, uniqueEmail } from './support.ts'

const prefix = testTopicPrefix('auth-relay')
const adminEmail = uniqueEmail('root')
const adminPassword = 'admin password 1'
let service: TestService

beforeAll(async () => {
  service = await startAuthService({
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    OUTBOX_RELAY_ENABLED: 'true',
    KAFKA_TOPIC_PREFIX: prefix,
  })
})
afterAll(() => service.close())

/** The messages on the service's topic, read from the start until `done` holds. */
async function readAuthTopic(done: (values: { type: string; userId: string }[]) => boolean) {
  const kafka = new Kafka({
    clientId: 'auth-events-test',
    brokers: service.config.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  })
  const consumer = kafka.consumer({ groupId: testTopicPrefix('reader'), maxWaitTimeInMs: 200 })
  const seen: { type: string; userId: string; key: string; headers: Record<string, string> }[] = []
  // The relay creates the topic when it starts publishing, maybe after this reader subscribes.
  const log = service.app.log
  await createKafkaBus(createKafka(service.config.KAFKA_BROKERS, 'auth-events-test', log), {
    prefix,
    partitions: 1,
    log,
  }).ensureTopics()
  await consumer.connect()
  await consumer.subscribe({ topic: `${prefix}focushub.auth.events`, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]))
      seen.push({ ...JSON.parse(String(message.value)), key: String(message.key), headers })
    },
  })
  const deadline = Date.now() + 15_000
  while (!done(seen) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  await consumer.disconnect()
  return seen
}

describe('auth-service runs its outbox relay', () => {
  it('publishes auth.user.* events, keyed by user, and marks them published', async () => {
    const user = await registerUser(service.app)
    const session = await loginUser(service.app, adminEmail, adminPassword)
    const response = await service.app.inject({
      method: 'PATCH',
      url: `/admin/users/${user.id}`,
      headers: bearer(session.accessToken),
      payload: { status: 'suspended', reason: 'spam' },
    })
    expect(response.statusCode, response.body).toBe(200)
    const seen = await readAuthTopic((values) => values.some((value) => value.type === 'auth.user.status_changed'))
    const mine = seen.filter((value) => value.userId === user.id)
    expect(mine.map((value) => value.type)).toEqual(['auth.user.registered', 'auth.user.status_changed'])
    expect(mine[1]).toMatchObject({
      key: user.id,
      data: { status: 'suspended' },
      headers: { 'event-type': 'auth.user.status_changed' },
    })
    const waiting = await service.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()
    expect(waiting).toEqual([])
  })
})
