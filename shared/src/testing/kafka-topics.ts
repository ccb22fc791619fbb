import { randomBytes, randomUUID } from 'node:crypto'
import { Kafka, logLevel, Partitioners } from 'kafkajs'
import { kafkaConfig, loadConfig } from '../config.ts'

/**
 * Names the test run: the integration suite's global setup sets it, so that every topic (and
 * consumer group) a test file makes carries it and the run's teardown removes exactly its own,
 * never those of a run going on beside it.
 */
export const testRunVariable = 'FOCUSHUB_TEST_RUN'

/** A topic prefix of one test file's own, within the current run's: `test-<run>-<label>-<random>.` */
export function testTopicPrefix(label: string): string {
  return `test-${process.env[testRunVariable] ?? 'adhoc'}-${label}-${randomBytes(5).toString('hex')}.`
}

const partitionOf = Partitioners.DefaultPartitioner()

/** A random user id whose events land on `partition` of a topic with `partitions` (the bus keys events by user). */
export function userOnPartition(partition: number, partitions: number): string {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }))
  for (;;) {
    const user = randomUUID()
    if (partitionOf({ topic: 'any', partitionMetadata, message: { key: user, value: null } }) === partition) return user
  }
}

function adminOf(env: NodeJS.ProcessEnv) {
  const { KAFKA_BROKERS } = loadConfig(kafkaConfig, env)
  return new Kafka({ clientId: 'test-cleanup', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin()
}

export interface DeletedNamespace {
  topics: number
  groups: number
  /** Groups the broker would not delete, with its reason (e.g. one a consumer still belongs to). */
  groupsKept: string[]
}

/**
 * Deletes the topics and consumer groups whose names start with `prefix`. Topics go first: they
 * are what weighs on the broker, and a group the broker refuses to delete must not keep them.
 */
export async function deleteKafkaNamespace(
  prefix: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeletedNamespace> {
  const admin = adminOf(env)
  await admin.connect()
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix))
    if (topics.length > 0) await admin.deleteTopics({ topics })
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix))
    if (groups.length === 0) return { topics: topics.length, groups: 0, groupsKept: [] }
    // kafkajs rejects the whole call when one group fails; its error lists each group's result.
    const results = await admin
      .deleteGroups(groups)
      .catch((error: { groups?: { groupId: string; error?: { type?: string } }[] }) => {
        if (!error.groups) throw error
        return error.groups
      })
    // A group left with offsets only on deleted topics is gone already: the broker drops it itself.
    const kept = results
      .filter((result) => result.error && result.error.type !== 'GROUP_ID_NOT_FOUND')
      .map((result) => `${result.groupId} (${result.error?.type})`)
    return { topics: topics.length, groups: groups.length - kept.length, groupsKept: kept }
  } finally {
    await admin.disconnect()
  }
}

/**
 * Waits until consumer group `groupId` is Stable with `members` members, each assigned partitions: a
 * test that times how fast an event is applied must not start while a late member's join is still
 * rebalancing the group (a rebalance pauses every member's consumption for a heartbeat or more).
 */
export async function waitForConsumerGroup(
  groupId: string,
  members: number,
  { timeoutMs = 30_000, env = process.env }: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  const admin = adminOf(env)
  await admin.connect()
  try {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const [group] = (await admin.describeGroups([groupId])).groups
      const assigned = group?.members.filter((member) => member.memberAssignment.length > 0).length ?? 0
      if (group?.state === 'Stable' && group.members.length === members && assigned === members) return
      if (Date.now() > deadline)
        throw new Error(`consumer group ${groupId} not stable with ${members} members: ${group?.state}, ${assigned}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  } finally {
    await admin.disconnect()
  }
}
