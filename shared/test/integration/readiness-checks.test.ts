import { afterAll, describe, expect, it } from 'vitest'
import { createKafka, kafkaCheck } from '../../src/events/kafka.ts'
import { createLogger } from '../../src/logger.ts'
import { createRedis, redisCheck } from '../../src/redis.ts'
import { closedAddress } from '../../src/testing/readiness.ts'
import { stackRedis } from '../../src/testing/redis.ts'

const log = createLogger('test', 'silent')
const closers: Array<() => Promise<unknown>> = []
afterAll(async () => {
  await Promise.all(closers.map((close) => close()))
})

describe('readiness checks against real Kafka and Redis', () => {
  it('passes while Kafka answers', async () => {
    const check = kafkaCheck(createKafka(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', 'test', log))
    closers.push(check.close)
    await expect(check()).resolves.toMatchObject({ brokers: expect.any(Array) })
  })

  it('fails while Kafka is unreachable, then recovers on the next call', async () => {
    const down = kafkaCheck(createKafka(closedAddress, 'test', log))
    closers.push(down.close)
    await expect(down()).rejects.toThrow()
    await expect(down()).rejects.toThrow()
  })

  // How fast it fails: bench/gateway/redis-down.ts (GET /ready with Redis down).
  it('passes while Redis answers and fails while it is unreachable', async () => {
    const up = stackRedis('test')
    const down = createRedis(`redis://${closedAddress}`, 'test')
    down.on('error', () => {})
    closers.push(
      async () => up.quit(),
      async () => down.disconnect(),
    )
    await expect(redisCheck(up)()).resolves.toBe('PONG')
    await expect(redisCheck(down)()).rejects.toThrow()
  })
})
