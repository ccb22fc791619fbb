// Direct messages at scale (issue #26): BENCH_USERS users, each in a one-to-one conversation and in groups of
// 3–50 members (about BENCH_GROUPS_PER_USER each), every user's client connected by WebSocket through two gateways
// (half on each), in front of two social-service replicas on one schema (each gateway forwards to one of them)
// with their outbox relays, and the stack's Postgres, Redis and Kafka: the path of bench/focus/rooms.ts.
// Messages go at each rate of BENCH_RATES for BENCH_SECONDS, from senders taken in turn (each sends far below
// the 30 a minute it may), each into one of their conversations picked at random. For each rate: the latency
// from the send to each other member's client receiving `social.message.sent` (p50/p99), the send request's
// own, the event's way from its transaction (`occurredAt`) to the clients, and each part's CPU per message.
// Target (issue #26): delivery p99 ≤ 200 ms at 500 messages/s.
// Run: node bench/social/messages.ts   (BENCH_USERS=10000 BENCH_GROUPS_PER_USER=2 BENCH_RATES=500,250,150,100,50
//      BENCH_SECONDS=10; needs the stack's Postgres, Redis and Kafka) → bench/results/messages-<timestamp>.json
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import { sql } from 'kysely'
import { loadServiceConfig } from '../../social-service/src/config.ts'
import { migrations } from '../../social-service/src/db/migrations/index.ts'
import type { Database } from '../../social-service/src/db/tables.ts'
import { stopAll } from '../lb/support.ts'
import { machine, stats, writeResults } from '../support/results.ts'
import { inParallel, startServiceChain } from '../support/service-chain.ts'

const users = Number(process.env.BENCH_USERS ?? 10_000)
const groupsPerUser = Number(process.env.BENCH_GROUPS_PER_USER ?? 2)
const rates = (process.env.BENCH_RATES ?? '500,250,150,100,50').split(',').map(Number)
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const startedAt = new Date()
const before = machine()

interface Person {
  userId: string
  authorization: string
  gateway: number
  conversations: string[]
}
/** Per message id, when each other member's client received it (ms since epoch). */
const receipts = new Map<string, number[]>()
const fromEvent: number[] = []

/** A random sample of `count` distinct items. */
const sample = <T>(items: T[], count: number) => {
  const picked = new Set<number>()
  while (picked.size < count) picked.add(Math.floor(Math.random() * items.length))
  return [...picked].map((index) => items[index])
}

const jwks = await startTestJwks()
const prefix = `bench-social-${process.pid}`
const common = { ...jwks.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', KAFKA_TOPIC_PREFIX: `${prefix}.` }
const database = await createTestDatabase<Database>(loadServiceConfig(common).SOCIAL_DATABASE_URL, migrations)
const results: Record<string, unknown> = {}
try {
  const { gateways, cpu, settle, call, closePools } = await startServiceChain({
    server: 'bench/social/messages-server.ts',
    urlVariable: 'SOCIAL_SERVICE_URL',
    part: 'socialService',
    postgresUser: 'focushub_social',
    env: common,
    schema: database.schema,
    prefix,
  })

  const people: Person[] = await Promise.all(
    Array.from({ length: users }, async (_, i) => {
      const userId = randomUUID()
      return {
        userId,
        authorization: await jwks.bearer(userId, { expiresIn: '2h' }),
        gateway: i % 2,
        conversations: [],
      }
    }),
  )
  const setupStarted = performance.now()
  // Everyone has a social profile (as auth.user.registered makes one), written here in bulk: setup, not the path.
  for (let i = 0; i < people.length; i += 1000) {
    const ids = people.slice(i, i + 1000).map((person) => person.userId)
    await sql`insert into user_profiles (user_id, timezone, day_start_hour, as_of, display_name)
      select id, 'Europe/Berlin', 4, now(), 'Bench ' || left(id::text, 8) from unnest(${ids}::uuid[]) as id`.execute(
      database.db,
    )
    await sql`insert into social_profiles (user_id) select unnest(${ids}::uuid[])`.execute(database.db)
  }
  // One one-to-one conversation each (people paired at random), and groups of 3–50 of random members.
  const shuffled = sample(people, people.length)
  const pairs = Array.from({ length: Math.floor(people.length / 2) }, (_, i) => [shuffled[2 * i], shuffled[2 * i + 1]])
  const audiences = new Map<string, Person[]>()
  await inParallel(pairs, 32, async ([from, to]) => {
    const conversation = await call(from, 'POST', '/social/conversations/direct', { userId: to.userId })
    audiences.set(conversation.id as string, [from, to])
  })
  const sizes: number[] = []
  for (let members = 0; members < people.length * groupsPerUser; ) {
    const size = 3 + Math.floor(Math.random() * 48)
    sizes.push(size)
    members += size
  }
  await inParallel(sizes, 32, async (size) => {
    const [creator, ...others] = sample(people, size)
    const conversation = await call(creator, 'POST', '/social/conversations', {
      title: `Bench group of ${size}`,
      memberIds: others.map((person) => person.userId),
    })
    audiences.set(conversation.id as string, [creator, ...others])
  })
  for (const [id, members] of audiences) for (const person of members) person.conversations.push(id)

  const sockets: WebSocket[] = []
  /** The client's app: a ticket, then the WebSocket through its gateway; every message of others is a receipt. */
  async function connect(person: Person) {
    const { ticket } = await call(person, 'POST', '/events/ticket')
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${gateways[person.gateway].replace('http', 'ws')}/api/v1/ws?ticket=${ticket}`)
      sockets.push(socket)
      socket.addEventListener('message', ({ data }) => {
        const message = JSON.parse(String(data)) as {
          kind: string
          event?: { type: string; occurredAt: string; userId: string; data: Record<string, unknown> }
        }
        if (message.kind === 'ready') return resolve()
        const event = message.event
        if (message.kind !== 'event' || event?.type !== 'social.message.sent' || event.userId === person.userId) return
        const id = event.data.messageId as string
        const list = receipts.get(id) ?? []
        list.push(Date.now())
        receipts.set(id, list)
        fromEvent.push(Date.now() - Date.parse(event.occurredAt))
      })
      socket.addEventListener('error', () => reject(new Error('WebSocket failed')))
    })
  }
  await inParallel(people, 32, connect)
  const setupSeconds = (performance.now() - setupStarted) / 1000
  results.conversations = {
    direct: pairs.length,
    groups: sizes.length,
    memberships: [...audiences.values()].reduce((sum, members) => sum + members.length, 0),
  }
  console.log(
    `${users} users, ${pairs.length} one-to-one conversations and ${sizes.length} groups of 3–50, ${sockets.length} WebSockets, in ${setupSeconds.toFixed(1)} s`,
  )
  results.settleSeconds = await settle()
  {
    const idleBefore = cpu.sample()
    await sleep(10_000)
    const idle = cpu.between(idleBefore, cpu.sample())
    results.idleCores = Object.fromEntries(
      Object.entries(idle).map(([part, seconds]) => [part, Number((seconds / 10).toFixed(3))]),
    )
    console.log(`idle (cores): ${JSON.stringify(results.idleCores)}`)
  }

  // Senders in turn through a shuffled list, so nobody comes near the 30 messages a minute one may send.
  const senders = sample(people, people.length)
  let nextSender = 0
  const runs: Record<string, unknown>[] = []
  for (const rate of rates) {
    const sentAt = new Map<string, { at: number; recipients: number }>()
    const sendDurations: number[] = []
    fromEvent.length = 0
    const cpuBefore = cpu.sample()
    const begin = performance.now()
    const total = rate * seconds
    const sends: Promise<void>[] = []
    for (let i = 0; i < total; i++) {
      const wait = begin + (i * 1000) / rate - performance.now()
      if (wait > 1) await sleep(wait)
      const sender = senders[nextSender++ % senders.length]
      const conversationId = sender.conversations[Math.floor(Math.random() * sender.conversations.length)]
      const at = Date.now()
      sends.push(
        call(sender, 'POST', `/social/conversations/${conversationId}/messages`, { body: `hello ${i}` }).then(
          (message) => {
            const recipients = (audiences.get(conversationId) as Person[]).length - 1
            sentAt.set(message.id as string, { at, recipients })
            sendDurations.push(Date.now() - at)
          },
        ),
      )
    }
    await Promise.all(sends)
    const achieved = total / ((performance.now() - begin) / 1000)
    const expected = [...sentAt.values()].reduce((sum, message) => sum + message.recipients, 0)
    const count = () => [...sentAt.keys()].reduce((sum, id) => sum + (receipts.get(id)?.length ?? 0), 0)
    for (const deadline = Date.now() + 20_000; count() < expected && Date.now() < deadline; ) await sleep(100)
    const latencies = [...sentAt].flatMap(([id, { at }]) => (receipts.get(id) ?? []).map((time) => time - at))
    const used = cpu.between(cpuBefore, cpu.sample())
    const run = {
      rate,
      achievedRate: Number(achieved.toFixed(0)),
      recipientsPerMessage: Number((expected / sentAt.size).toFixed(1)),
      delivery: { ...stats(latencies), expected, lost: expected - latencies.length },
      sendRequests: stats(sendDurations),
      fromEvent: stats(fromEvent),
      cpuMsPerMessage: Object.fromEntries(
        Object.entries(used).map(([part, seconds]) => [part, Number(((seconds * 1000) / total).toFixed(2))]),
      ),
      load: machine().load,
    }
    runs.push(run)
    console.log(
      `${rate} messages/s (achieved ${run.achievedRate}, ${run.recipientsPerMessage} recipients each) → every recipient: ${JSON.stringify(run.delivery)}  (target p99 ≤ 200 ms)`,
    )
    console.log(
      `  send requests ${JSON.stringify(run.sendRequests)}; from occurredAt ${JSON.stringify(run.fromEvent)}; CPU per message (ms) ${JSON.stringify(run.cpuMsPerMessage)}`,
    )
    results.runs = runs
    await settle()
  }
  for (const socket of sockets) socket.close()
  await closePools()
} finally {
  stopAll()
  await jwks.close()
  await database.destroy()
  await deleteKafkaNamespace(`${prefix}.`)
}
writeResults('messages', {
  bench: 'bench/social/messages.ts',
  startedAt,
  machine: { before, after: machine() },
  config: { users, groupsPerUser, rates, seconds },
  results,
})
process.exit(0)
