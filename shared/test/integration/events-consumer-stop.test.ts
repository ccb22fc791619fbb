import { afterAll, describe, expect, it } from 'vitest'
import { kafkaClient, testBus, uniquePrefix } from '../support/events.ts'

const kafka = kafkaClient()
const admin = kafka.admin()

afterAll(() => admin.disconnect())

describe('a subscription stopped while it starts', () => {
  it('goes no further once stopped, and leaves no member in its group however early the stop', async () => {
    const prefix = uniquePrefix()
    const bus = testBus(kafka, prefix)
    await admin.connect()
    const groupOf = async (groupId: string) => (await admin.describeGroups([`${prefix}${groupId}`])).groups[0]
    const subscribe = (groupId: string) =>
      bus.subscribe({ groupId, topics: ['focushub.task.events'], concurrency: 1, onBatch: async () => {} })

    // Stopped at once, its topics still being made: it never connects, so the group is never formed. (A
    // start that went on after its stop joined the group and stayed in it, a member nobody stops, which
    // every later member of the group had to wait for at each rebalance.)
    await subscribe('stopped-at-once').stop()
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect((await groupOf('stopped-at-once'))?.state).toBe('Dead')

    // Stopped a few steps in (connecting, joining): whatever it reached, it is no member afterwards.
    for (const delayMs of [50, 300, 1000]) {
      const subscription = subscribe(`stopped-after-${delayMs}`)
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      await subscription.stop()
      await new Promise((resolve) => setTimeout(resolve, 1000))
      expect({ delayMs, members: (await groupOf(`stopped-after-${delayMs}`))?.members.length }).toEqual({
        delayMs,
        members: 0,
      })
    }
    await bus.close()
  })
})
