import { afterAll, describe, expect, it } from 'vitest'
import { deleteKafkaNamespace, testTopicPrefix } from '../../src/testing/kafka-topics.ts'
import { kafkaClient } from '../support/events.ts'

const kafka = kafkaClient()
const admin = kafka.admin()
// A second client for the checks afterwards: the first one's metadata still names the deleted topics.
const after = kafka.admin()
const consumers: ReturnType<typeof kafka.consumer>[] = []

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.disconnect()))
  await admin.disconnect()
  await after.disconnect()
})

/** A group with committed offsets on `topic` and no member, as a finished test leaves one. */
async function idleGroup(groupId: string, topic: string) {
  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] })
}

/** A group a connected consumer still belongs to, as a test that never disconnected leaves one. */
async function busyGroup(groupId: string, topic: string) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 })
  consumers.push(consumer)
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve))
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({ eachMessage: async () => {} })
  await joined
}

describe('deleteKafkaNamespace (the integration run’s teardown)', () => {
  it('deletes the namespace’s topics even when the broker keeps a group a consumer still belongs to', async () => {
    const prefix = testTopicPrefix('namespace')
    const outside = `${testTopicPrefix('namespace-outside')}kept`
    const topics = [`${prefix}a`, `${prefix}b`]
    await admin.connect()
    await admin.createTopics({ topics: [...topics, outside].map((topic) => ({ topic, numPartitions: 1 })) })
    await idleGroup(`${prefix}idle`, topics[0])
    await busyGroup(`${prefix}busy`, topics[1])

    const deleted = await deleteKafkaNamespace(prefix)

    expect(deleted.topics).toBe(2)
    expect(deleted.groupsKept).toEqual([expect.stringContaining(`${prefix}busy`)])
    await after.connect()
    const left = await after.listTopics()
    expect(left.filter((topic) => topic.startsWith(prefix))).toEqual([])
    expect(left).toContain(outside)
    // The idle group is gone, whether deleted or dropped by the broker with its topic's offsets.
    const groups = (await after.listGroups()).groups.map((group) => group.groupId)
    expect(groups.filter((id) => id.startsWith(prefix))).toEqual([`${prefix}busy`])
    await after.deleteTopics({ topics: [outside] })
  })
})
