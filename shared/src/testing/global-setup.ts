import { randomBytes } from 'node:crypto'
import { deleteKafkaNamespace, testRunVariable } from './kafka-topics.ts'

/**
 * Vitest global setup of the integration suite: names the run, and at its end removes the topics
 * and consumer groups its test files made (testTopicPrefix). Left behind, a run's thousands of
 * partitions slow the broker's start and housekeeping on every later run. Housekeeping only: a
 * failure is reported and does not fail the run.
 */
export default function setup() {
  const run = randomBytes(4).toString('hex')
  process.env[testRunVariable] = run
  return async () => {
    try {
      const { topics, groups, groupsKept } = await deleteKafkaNamespace(`test-${run}-`)
      console.log(`removed the run's ${topics} Kafka topics and ${groups} consumer groups`)
      if (groupsKept.length > 0) console.warn(`Kafka kept ${groupsKept.length} groups: ${groupsKept.join(', ')}`)
    } catch (error) {
      console.warn(`could not remove the run's Kafka topics: ${(error as Error).message}`)
    }
  }
}
