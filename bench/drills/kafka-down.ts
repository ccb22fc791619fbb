// Kafka stopped (kafka-down, started again by `./focushub up`) or SIGKILLed
// (kafka-kill, respawned by supervisord alone) while users create and complete tasks and log focus
// sessions → the writes still succeed, and once Kafka is back every event is published and applied
// exactly once.
import { type Drill, seconds } from './drill.ts'
import { describeApplied, describeWork, unpublished, waitUntilApplied } from './exactly-once.ts'
import { type Fault, killAndRespawn, stopThenUp } from './faults.ts'
import { runJourneys } from './journeys.ts'

function kafkaDrill(name: string, fault: Fault): Drill {
  return {
    name,
    summary: `Kafka ${fault.verb} while users work: writes succeed, backlog drains, every event applied exactly once`,
    async run({ stack, writers, log }) {
      const workSeconds = seconds('DRILL_KAFKA_DOWN_SECONDS', 60)
      const outage = await fault.make(stack, 'kafka', log)
      const work = await runJourneys(stack, writers, workSeconds)
      const backlog = await unpublished(stack)
      log(`the users stopped after ${workSeconds} s with ${JSON.stringify(backlog)} events waiting`)
      const healed = await outage.heal()
      const drainSeconds = seconds('DRILL_DRAIN_SECONDS', 180)
      const applied = await waitUntilApplied(stack, work, drainSeconds)
      return {
        pass: work.failures.length === 0 && applied.seconds !== undefined,
        figures: [
          applied.seconds === undefined
            ? `not drained within ${drainSeconds} s of the users stopping with Kafka back`
            : `every event applied once, ${applied.seconds.toFixed(1)} s after the users stopped with Kafka back`,
          `Kafka back: ${healed}`,
          `users wrote for ${workSeconds} s from the fault on; ${describeWork(work, writers.length)}`,
          ...work.failures.slice(0, 5).map((failure) => `  ${failure}`),
          `outbox backlog when the users stopped: ${JSON.stringify(backlog)}`,
          ...describeApplied(applied.last, work),
        ],
      }
    },
  }
}

export const kafkaDown = kafkaDrill('kafka-down', stopThenUp)
export const kafkaKill = kafkaDrill('kafka-kill', killAndRespawn)
