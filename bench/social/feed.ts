// The community feed at scale (issue #26): GET /social/feed for a reader following 1,000 of 20,000 authors, with
// 1,010,000 posts in the table (feed-seed.ts), answered by social-service in this process (port 0, relay off) on
// the scale database `focushub_scale_social` (bench/scale/databases.ts: seeded once, kept between runs, never the
// dev database). Pages of 50 (the service reads 51), one request at a time, after 20 warm-up requests:
// - first page: the reader's newest page, BENCH_FEED_REQUESTS times;
// - page walk: BENCH_FEED_REQUESTS consecutive pages from the top, each cursor the previous page's;
// - half a year back: the page before the post written half-way through the year, BENCH_FEED_REQUESTS times;
// - quiet followees: the first page of a reader following 1,000 authors who wrote nothing in the last year.
// Each gives the client's p50/p99 and the service's (Fastify's reply.elapsedTime): the target is the service's
// p99 ≤ 20 ms. For the walk, how many pages the window filled (the rest went on author by author). Then the SQL
// one request of each ran, under EXPLAIN (ANALYZE, BUFFERS).
// Run: node bench/social/feed.ts   (BENCH_FEED_REQUESTS=300; needs the stack's Postgres and Kafka)
//      → bench/results/feed-<timestamp>.json
import { createDatabase } from '@focushub/shared/db'
import { decodeCursor, encodeCursor } from '@focushub/shared/http'
import { deleteKafkaNamespace, startTestJwks } from '@focushub/shared/testing'
import { sql } from 'kysely'
import pg from 'pg'
import { Pool } from 'undici'
import { buildApp } from '../../social-service/src/app.ts'
import { loadServiceConfig } from '../../social-service/src/config.ts'
import { migrations } from '../../social-service/src/db/migrations/index.ts'
import type { Database } from '../../social-service/src/db/tables.ts'
import { windowPage } from '../../social-service/src/modules/feed/feed.repository.ts'
import { scaleDatabase } from '../scale/databases.ts'
import { machine, stats, writeResults } from '../support/results.ts'
import { feedStatements, postIdSql, posts, quietReader, reader, userIdOf } from './feed-seed.ts'

const requests = Number(process.env.BENCH_FEED_REQUESTS ?? 300)
const startedAt = new Date()
const before = machine()

const scale = await scaleDatabase(
  loadServiceConfig().SOCIAL_DATABASE_URL,
  'focushub_scale_social',
  migrations,
  feedStatements,
  console.log,
)
console.log(`focushub_scale_social ${scale.reseeded ? 'seeded' : 'reused'} in ${scale.seconds.toFixed(1)} s`)

const recorded: { sql: string; parameters: readonly unknown[] }[] = []
let recording = false
const db = createDatabase<Database>({
  url: scale.url,
  poolMax: 10,
  log: (event) => {
    if (recording && event.level === 'query')
      recorded.push({ sql: event.query.sql, parameters: event.query.parameters })
  },
})
const jwks = await startTestJwks()
const config = loadServiceConfig({
  ...process.env,
  ...jwks.env,
  LOG_LEVEL: 'warn',
  SOCIAL_DATABASE_URL: scale.url,
  KAFKA_TOPIC_PREFIX: `bench-social-feed-${process.pid}.`,
  OUTBOX_RELAY_ENABLED: 'false',
})
const app = await buildApp(config, { db })
const elapsed: number[] = []
app.addHook('onResponse', (_request, reply, done) => {
  elapsed.push(reply.elapsedTime)
  done()
})
await app.listen({ port: 0, host: '127.0.0.1' })
const explainPool = new pg.Pool({ connectionString: scale.url, max: 1 })
const client = new Pool(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`, { connections: 1 })
const results: Record<string, unknown> = {}
try {
  const counts = await sql<{ posts: number; authors: number; follows: number }>`
    select (select count(*) from posts)::int as posts, (select count(distinct author_id) from posts)::int as authors,
      (select count(*) from follows where follower_id = ${userIdOf(reader)})::int as follows`.execute(db)
  results.dataSet = counts.rows[0]
  console.log(`data set: ${JSON.stringify(results.dataSet)}`)

  const bearer = { reader: await jwks.bearer(userIdOf(reader)), quiet: await jwks.bearer(userIdOf(quietReader)) }
  async function feed(authorization: string, cursor?: string) {
    const response = await client.request({
      method: 'GET',
      path: `/social/feed${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers: { authorization },
    })
    const text = await response.body.text()
    if (response.statusCode !== 200) throw new Error(`GET /social/feed → ${response.statusCode} ${text}`)
    return JSON.parse(text) as { items: { id: string }[]; nextCursor: string | null }
  }
  /** `count` requests one at a time: the client's times and the service's. */
  async function measure(name: string, next: (i: number) => Promise<unknown>, count = requests) {
    elapsed.length = 0
    const client: number[] = []
    for (let i = 0; i < count; i++) {
      const at = performance.now()
      await next(i)
      client.push(performance.now() - at)
    }
    const result = { client: stats(client, 2), service: stats(elapsed, 2) }
    console.log(
      `  ${name.padEnd(34)} service p50 ${result.service.p50} / p99 ${result.service.p99} ms  (client p50 ${result.client.p50} / p99 ${result.client.p99}; ${count} requests)`,
    )
    return result
  }

  const halfYear = (await sql<{ id: string }>`select ${sql.raw(postIdSql(String(posts / 2)))} as id`.execute(db))
    .rows[0].id
  const halfYearCursor = encodeCursor(halfYear)
  for (let i = 0; i < 20; i++) await feed(bearer.reader)
  const scenarios: Record<string, unknown> = {}
  scenarios.firstPage = await measure('first page', () => feed(bearer.reader))
  const cursors: (string | undefined)[] = [undefined]
  scenarios.pageWalk = await measure('page walk (consecutive pages)', async () => {
    const page = await feed(bearer.reader, cursors.at(-1))
    cursors.push(page.nextCursor ?? undefined)
  })
  scenarios.halfYearBack = await measure('a page half a year back', () => feed(bearer.reader, halfYearCursor))
  for (let i = 0; i < 20; i++) await feed(bearer.quiet)
  scenarios.quietFollowees = await measure('first page, 1,000 quiet followees', () => feed(bearer.quiet))
  results.scenarios = scenarios

  // How often the window filled a page of the walk (the rest fell to author by author), by the repository's own query.
  let filled = 0
  for (const cursor of cursors.slice(0, requests))
    if ((await windowPage(db, userIdOf(reader), cursor && decodeCursor(cursor), 51)).length === 51) filled++
  const walked = Math.min(cursors.length, requests)
  results.walkWindowFilled = { pages: walked, filled, authorByAuthor: walked - filled }
  console.log(`  page walk: the window filled ${filled} of ${walked} pages (the rest went author by author)`)

  // The SQL of one request of each kind, under EXPLAIN (ANALYZE, BUFFERS).
  const plans: Record<string, string[]> = {}
  const explain = async (name: string, request: () => Promise<unknown>) => {
    await request()
    recorded.length = 0
    recording = true
    await request()
    recording = false
    plans[name] = []
    for (const query of recorded.filter((entry) => /^\s*(with|select)/i.test(entry.sql))) {
      const { rows } = await explainPool.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${query.sql}`,
        query.parameters as unknown[],
      )
      plans[name].push(rows.map((row) => row['QUERY PLAN']).join('\n'))
    }
  }
  await explain('firstPage', () => feed(bearer.reader))
  await explain('halfYearBack', () => feed(bearer.reader, halfYearCursor))
  await explain('quietFollowees', () => feed(bearer.quiet))
  results.plans = plans
  for (const [name, list] of Object.entries(plans)) console.log(`\n=== ${name}\n${list.join('\n---\n')}`)
} finally {
  await client.close()
  await explainPool.end()
  await app.close()
  await db.destroy()
  await jwks.close()
  await deleteKafkaNamespace(config.KAFKA_TOPIC_PREFIX)
}
writeResults('feed', {
  bench: 'bench/social/feed.ts',
  startedAt,
  machine: { before, after: machine() },
  config: { requests },
  results,
})
process.exit(0)
