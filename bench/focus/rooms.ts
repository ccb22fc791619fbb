// Focus rooms at scale (issue #25): BENCH_ROOMS rooms × BENCH_PER_ROOM participants, every participant's client
// connected by WebSocket through two gateways (half on each), in front of two focus-service replicas on one schema
// (each gateway forwards to one of them) with their outbox relays, Kafka and Redis as in the stack. Presence comes
// from the gateways' reports of who has a stream open (every 15 s), as in the stack; clients send no heartbeat.
// 1. Chat: BENCH_CHAT_RATE messages a second for BENCH_CHAT_SECONDS from random participants; latency from the
//    post to each participant's receipt of `focus.room.message_posted`, and each part's CPU per message.
// 2. Host-driven phase change: every host starts its room's timer (BENCH_START_RATE a second); latency from the
//    host's request to each participant's client receiving `focus.room.timer_changed`.
// 3. Timer-driven phase change: the one-minute work phases run out and the replicas' sweepers end them; latency
//    from `phaseEndsAt` to each client's receipt, and a check that each room's phase ended exactly once (one
//    `phase_ended` event per room in the outbox, one completion per participant's session).
// Targets (issue #25): phase change p99 ≤ 500 ms to all clients; chat delivery p99 ≤ 200 ms at 200 messages/s.
// Run: node bench/focus/rooms.ts   (BENCH_ROOMS=1000 BENCH_PER_ROOM=10 BENCH_START_RATE=20 BENCH_CHAT_RATE=200
//      BENCH_CHAT_SECONDS=10; needs the stack's Postgres, Redis and Kafka) → bench/results/rooms-<timestamp>.json
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createTestDatabase, deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import { sql } from 'kysely'
import { loadServiceConfig } from '../../focus-service/src/config.ts'
import { migrations } from '../../focus-service/src/db/migrations/index.ts'
import type { Database } from '../../focus-service/src/db/tables.ts'
import { stopAll } from '../lb/support.ts'
import { machine, stats, writeResults } from '../support/results.ts'
import { inParallel, startServiceChain } from '../support/service-chain.ts'

const rooms = Number(process.env.BENCH_ROOMS ?? 1000)
const perRoom = Number(process.env.BENCH_PER_ROOM ?? 10)
const startRate = Number(process.env.BENCH_START_RATE ?? 20)
const chatRate = Number(process.env.BENCH_CHAT_RATE ?? 200)
const chatSeconds = Number(process.env.BENCH_CHAT_SECONDS ?? 10)
const startedAt = new Date()
const before = machine()

interface Person {
  userId: string
  authorization: string
  gateway: number
  roomIndex: number
}
/** Per room event kind, when each client received what: `<kind>:<key>` → receipt times (ms since epoch). */
const receipts = new Map<string, number[]>()
/** Host starts: milliseconds from each timer_changed event's occurredAt to each receipt, and each start request's own. */
const sinceOccurred: number[] = []
const startDurations: number[] = []
/** Chat: the same split, each post request's own time and from each message's occurredAt to each receipt. */
const chatSinceOccurred: number[] = []
const postDurations: number[] = []
const receive = (key: string) => {
  const list = receipts.get(key) ?? []
  list.push(Date.now())
  receipts.set(key, list)
}

const jwks = await startTestJwks()
const prefix = `bench-rooms-${process.pid}`
const common = {
  ...jwks.env,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  KAFKA_TOPIC_PREFIX: `${prefix}.`,
  FOCUS_ROOM_SWEEP_INTERVAL_MS: process.env.FOCUS_ROOM_SWEEP_INTERVAL_MS ?? '250',
}
const database = await createTestDatabase<Database>(loadServiceConfig(common).FOCUS_DATABASE_URL, migrations)
const results: Record<string, unknown> = {}
try {
  const { gateways, cpu, settle, call, closePools } = await startServiceChain({
    server: 'bench/focus/rooms-server.ts',
    urlVariable: 'FOCUS_SERVICE_URL',
    part: 'focusService',
    postgresUser: 'focushub_focus',
    env: common,
    schema: database.schema,
    prefix,
  })

  // Everyone, and their rooms: the first of each group hosts a public room, the others join it.
  const people: Person[] = await Promise.all(
    Array.from({ length: rooms * perRoom }, async (_, i) => {
      const userId = randomUUID()
      return {
        userId,
        authorization: await jwks.bearer(userId, { expiresIn: '2h' }),
        gateway: i % 2,
        roomIndex: Math.floor(i / perRoom),
      }
    }),
  )
  const roomIds: string[] = []
  const sockets: WebSocket[] = []
  /** The client's app: connected through its gateway (a ticket, then the WebSocket) once it is in its room. */
  async function connect(person: Person) {
    const { ticket } = await call(person, 'POST', '/events/ticket')
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${gateways[person.gateway].replace('http', 'ws')}/api/v1/ws?ticket=${ticket}`)
      sockets.push(socket)
      socket.addEventListener('message', ({ data }) => {
        const message = JSON.parse(String(data)) as {
          kind: string
          event?: { type: string; occurredAt: string; data: Record<string, unknown> }
        }
        if (message.kind === 'ready') return resolve()
        const event = message.event
        if (message.kind !== 'event' || !event?.type.startsWith('focus.room.')) return
        if (event.type === 'focus.room.timer_changed') {
          receive(`${event.data.action}:${event.data.roomId}`)
          sinceOccurred.push(Date.now() - Date.parse(event.occurredAt))
        } else if (event.type === 'focus.room.message_posted') {
          receive(`message:${event.data.messageId}`)
          chatSinceOccurred.push(Date.now() - Date.parse(event.occurredAt))
        }
      })
      socket.addEventListener('error', () => reject(new Error('WebSocket failed')))
    })
  }
  // Each host creates a public room and the others join it, every one connecting right after: presence comes
  // from the gateways, which report who has a stream open every 15 s (no per-client heartbeat).
  const hosts = people.filter((_, i) => i % perRoom === 0)
  const setupStarted = performance.now()
  await inParallel(hosts, 32, async (host) => {
    const room = await call(host, 'POST', '/focus/rooms', {
      name: `Bench room ${host.roomIndex}`,
      visibility: 'public',
      capacity: perRoom,
      plan: { workMinutes: 1, shortBreakMinutes: 1, longBreakMinutes: 1, cyclesBeforeLongBreak: 1 },
    })
    roomIds[host.roomIndex] = room.id as string
    await connect(host)
  })
  await inParallel(
    people.filter((_, i) => i % perRoom !== 0),
    32,
    async (person) => {
      await call(person, 'POST', `/focus/rooms/${roomIds[person.roomIndex]}/join`)
      await connect(person)
    },
  )
  const setupSeconds = (performance.now() - setupStarted) / 1000
  console.log(
    `${rooms} rooms × ${perRoom} people created, joined and connected (${sockets.length} WebSockets) in ${setupSeconds.toFixed(1)} s`,
  )
  const away = await database.db
    .selectFrom('room_participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('away', '=', true)
    .executeTakeFirstOrThrow()
  results.awayAfterSetup = Number(away.n)
  // The joins' events are still on their way to 10,000 clients (and the gateways' first presence reports to
  // focus-service): measure from a quiet machine, not the setup's tail.
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

  /** Waits (up to `waitMs`) for every participant's receipt of each origin's event; the latencies, and what never came. */
  const collect = async (kind: string, origin: Map<string, number>, waitMs: number) => {
    const deadline = Date.now() + waitMs
    const expected = origin.size * perRoom
    const count = () => [...origin.keys()].reduce((sum, id) => sum + (receipts.get(`${kind}:${id}`)?.length ?? 0), 0)
    while (count() < expected && Date.now() < deadline) await sleep(100)
    const latencies = [...origin].flatMap(([id, at]) => (receipts.get(`${kind}:${id}`) ?? []).map((time) => time - at))
    return { ...stats(latencies), expected, lost: expected - latencies.length }
  }
  // 1. Chat at BENCH_CHAT_RATE messages a second, in the rooms as they are (no timer runs yet: the timers'
  // phases below all change within one minute, which no real day does).
  const postedAt = new Map<string, number>()
  const cpuBefore = cpu.sample()
  const chatBegin = performance.now()
  const total = chatRate * chatSeconds
  const posts: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const wait = chatBegin + (i * 1000) / chatRate - performance.now()
    if (wait > 1) await sleep(wait)
    const person = people[Math.floor(Math.random() * people.length)]
    const sentAt = Date.now()
    posts.push(
      call(person, 'POST', `/focus/rooms/${roomIds[person.roomIndex]}/messages`, { body: `hello ${i}` }).then(
        (message) => {
          postedAt.set(message.id as string, sentAt)
          postDurations.push(Date.now() - sentAt)
        },
      ),
    )
  }
  await Promise.all(posts)
  const chatWallSeconds = (performance.now() - chatBegin) / 1000
  const achievedRate = total / chatWallSeconds
  const chat = await collect('message', postedAt, 15_000)
  results.chat = { ...chat, rate: Number(achievedRate.toFixed(0)) }
  console.log(
    `chat (${achievedRate.toFixed(0)} messages/s) → every participant: ${JSON.stringify(results.chat)}  (target p99 ≤ 200 ms)`,
  )
  results.postRequests = stats(postDurations)
  results.chatFromEvent = stats(chatSinceOccurred)
  // CPU per message of each part, over the posting window and its delivery (ms of CPU per message).
  results.chatCpuMsPerMessage = Object.fromEntries(
    Object.entries(cpu.between(cpuBefore, cpu.sample())).map(([part, seconds]) => [
      part,
      Number(((seconds * 1000) / total).toFixed(2)),
    ]),
  )
  console.log(`  CPU per message (ms): ${JSON.stringify(results.chatCpuMsPerMessage)}`)
  console.log(
    `  the post requests: ${JSON.stringify(results.postRequests)}; from the event's occurredAt to each participant: ${JSON.stringify(results.chatFromEvent)}`,
  )

  // 2. Host-driven: every host starts the timer, BENCH_START_RATE a second.
  const requestedAt = new Map<string, number>()
  const phaseEndsAt = new Map<string, number>()
  const begin = performance.now()
  await Promise.all(
    hosts.map(async (host, i) => {
      const wait = begin + (i * 1000) / startRate - performance.now()
      if (wait > 1) await sleep(wait)
      const roomId = roomIds[host.roomIndex]
      requestedAt.set(roomId, Date.now())
      const answer = (await call(host, 'POST', `/focus/rooms/${roomId}/timer/start`)) as {
        timer: { phaseEndsAt: string }
      }
      phaseEndsAt.set(roomId, Date.parse(answer.timer.phaseEndsAt))
      startDurations.push(Date.now() - (requestedAt.get(roomId) as number))
    }),
  )
  results.hostStart = await collect('started', requestedAt, 20_000)
  console.log(
    `host starts (${startRate}/s) → every client: ${JSON.stringify(results.hostStart)}  (target p99 ≤ 500 ms)`,
  )
  results.startRequests = stats(startDurations)
  results.hostStartFromEvent = stats(sinceOccurred.splice(0))
  console.log(
    `  the start requests: ${JSON.stringify(results.startRequests)}; from the event's occurredAt to each client: ${JSON.stringify(results.hostStartFromEvent)}`,
  )

  // 3. Timer-driven: the work phases run out; the sweepers of both replicas end them.
  const lastEnd = Math.max(...phaseEndsAt.values())
  await sleep(Math.max(0, lastEnd - Date.now()))
  results.phaseEnded = await collect('phase_ended', phaseEndsAt, 30_000)
  console.log(
    `work phases ending → every client: ${JSON.stringify(results.phaseEnded)}  (from phaseEndsAt; target p99 ≤ 500 ms)`,
  )
  const onceEach = async (type: string, key: string, action: string | null) => {
    const { rows } = await sql<{ keys: number; events: number; most: number }>`
      select count(*)::int as keys, coalesce(sum(n), 0)::int as events, coalesce(max(n), 0)::int as most from (
        select envelope->'data'->>${key} as key, count(*) as n from outbox
        where type = ${type} and (${action}::text is null or envelope->'data'->>'action' = ${action})
        group by 1) per_key`.execute(database.db)
    return rows[0]
  }
  results.exactlyOnce = {
    phaseEndedPerRoom: await onceEach('focus.room.timer_changed', 'roomId', 'phase_ended'),
    completedPerSession: await onceEach('focus.session.completed', 'sessionId', null),
  }
  console.log(
    `exactly once (most = 1: each room's phase ended once, each session completed once): ${JSON.stringify(results.exactlyOnce)}`,
  )

  for (const socket of sockets) socket.close()
  await closePools()
} finally {
  stopAll()
  await jwks.close()
  await database.destroy()
  await deleteKafkaNamespace(`${prefix}.`)
}
writeResults('rooms', {
  bench: 'bench/focus/rooms.ts',
  startedAt,
  machine: { before, after: machine() },
  config: { rooms, perRoom, startRate, chatRate, chatSeconds },
  results,
})
process.exit(0)
