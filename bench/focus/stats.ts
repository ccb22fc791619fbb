// GET /focus/stats for a user with five years of history (seeded with SQL), next to other users'
// five years, answered from the per-day totals and indexed scans. Target: p99 ≤ 50 ms.
// Run: node bench/focus/stats.ts   (YEARS=5 OTHER_USERS=20 REQUESTS=300)
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { call, startBenchService, summary } from './support.ts'

const years = Number(process.env.YEARS ?? 5)
const otherUsers = Number(process.env.OTHER_USERS ?? 20)
const requests = Number(process.env.REQUESTS ?? 300)
const service = await startBenchService()
const { db } = service

/** 1–5 sessions of 25 minutes a day (some days over the 100-minute goal), tasks from a pool of 12. */
async function seedHistory(userId: string) {
  await sql`
    insert into focus_sessions (id, user_id, task_id, kind, status, work_minutes, short_break_minutes, long_break_minutes,
      cycles_before_long_break, started_at, ended_at, focused_seconds, pomodoros, completed_by, local_date)
    select gen_random_uuid(), ${userId}::uuid,
      ('00000000-0000-7000-8000-' || lpad(((day + slot) % 12)::text, 12, '0'))::uuid,
      'manual', 'completed', 25, 5, 15, 1,
      (current_date - day) + make_interval(hours => 8 + slot * 2),
      (current_date - day) + make_interval(hours => 8 + slot * 2, mins => 25),
      1500, 0, 'log', current_date - day
    from generate_series(1, ${years * 365}) as day, generate_series(0, 4) as slot
    where slot <= (day * 7) % 5`.execute(db)
  await sql`
    insert into daily_totals (user_id, local_date, focused_seconds, sessions, pomodoros)
    select user_id, local_date, sum(focused_seconds), count(*), sum(pomodoros)
    from focus_sessions where user_id = ${userId}::uuid group by user_id, local_date`.execute(db)
  await sql`
    insert into goal_awards (user_id, local_date, goal_minutes, focused_minutes, awarded_at)
    select user_id, local_date, 100, focused_seconds / 60, now()
    from daily_totals where user_id = ${userId}::uuid and focused_seconds >= 6000`.execute(db)
}

const userId = randomUUID()
const seeding = performance.now()
for (const id of [userId, ...Array.from({ length: otherUsers }, () => randomUUID())]) await seedHistory(id)
await sql`analyze`.execute(db)
const counted = await db
  .selectFrom('focus_sessions')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('user_id', '=', userId)
  .executeTakeFirstOrThrow()
const all = await db
  .selectFrom('focus_sessions')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow()
console.log(
  `focus stats bench: ${counted.n} sessions over ${years} years for the user, ${all.n} in the table (${otherUsers} more users); seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
)

const authorization = `Bearer ${await service.jwks.sign(userId, { expiresIn: '1h' })}`
for (const range of ['365d', '90d', '30d', '7d']) {
  for (let i = 0; i < 20; i++) await call(service.base, 'GET', `/focus/stats?range=${range}`, authorization)
  const samples: number[] = []
  for (let i = 0; i < requests; i++) {
    const at = performance.now()
    await call(service.base, 'GET', `/focus/stats?range=${range}`, authorization)
    samples.push(performance.now() - at)
  }
  console.log(`  GET /focus/stats?range=${range.padEnd(4)} ${requests} requests, one at a time: ${summary(samples)}`)
}
await service.close()
