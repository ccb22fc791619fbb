import { randomBytes } from 'node:crypto'
import { Kafka, logLevel } from 'kafkajs'
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

function adminOf(env: NodeJS.ProcessEnv) {
  const { KAFKA_BROKERS } = loadConfig(kafkaConfig, env)
  return new Kafka({ clientId: 'test-cleanup', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin()
}

/** Deletes the topics and consumer groups whose names start with `prefix`; answers how many topics. */
export async function deleteKafkaNamespace(prefix: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const admin = adminOf(env)
  await admin.connect()
  try {
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix))
    if (groups.length > 0) await admin.deleteGroups(groups)
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix))
    if (topics.length > 0) await admin.deleteTopics({ topics })
    return topics.length
  } finally {
    await admin.disconnect()
  }
}
