import { type Kysely, sql } from 'kysely'
import type { AchievementsTable, FactKind, Metric } from '../../db/tables/achievements.ts'
import type { Database } from '../../db/tables.ts'
import type { CheckInStatus, Schedule } from '../../schemas/habits.ts'

export interface Fact {
  userId: string
  key: string
}

const uniqueFacts = (facts: Fact[]) => [...new Map(facts.map((fact) => [`${fact.userId} ${fact.key}`, fact])).values()]

/** Records a fact once; true only the first time, so counters built on it ignore repeats. */
export async function recordFact(db: Kysely<Database>, userId: string, kind: FactKind, key: string) {
  return (await recordFacts(db, kind, [{ userId, key }])).length === 1
}

/** Records facts of one kind (of any users) at once; answers those recorded for the first time. */
export async function recordFacts(db: Kysely<Database>, kind: FactKind, facts: Fact[]) {
  if (facts.length === 0) return []
  const inserted = await db
    .insertInto('achievement_facts')
    .values(uniqueFacts(facts).map((fact) => ({ user_id: fact.userId, kind, key: fact.key })))
    .onConflict((c) => c.doNothing())
    .returning(['user_id', 'key'])
    .execute()
  return inserted.map((row) => ({ userId: row.user_id, key: row.key }))
}

/** Forgets a user's facts of one kind among `keys`; answers the keys that were recorded. */
export async function forgetFacts(db: Kysely<Database>, userId: string, kind: FactKind, keys: string[]) {
  if (keys.length === 0) return []
  const deleted = await db
    .deleteFrom('achievement_facts')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('key', 'in', keys)
    .returning('key')
    .execute()
  return deleted.map((row) => row.key)
}

/** Every key of a kind a user has recorded. */
export async function factKeysOf(db: Kysely<Database>, userId: string, kind: FactKind) {
  const rows = await db
    .selectFrom('achievement_facts')
    .select('key')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .execute()
  return rows.map((row) => row.key)
}

/** Sets a counter that is a maximum to a lower value it is now known to have (progress only raises it). */
export async function lowerProgress(db: Kysely<Database>, userId: string, metric: Metric, value: number) {
  await db
    .updateTable('achievement_progress')
    .set({ value })
    .where('user_id', '=', userId)
    .where('metric', '=', metric)
    .where('value', '>', value)
    .execute()
}

/** Those of the facts given that are recorded, in one query. */
export async function factsAmong(db: Kysely<Database>, kind: FactKind, facts: Fact[]) {
  if (facts.length === 0) return []
  const values = sql.join(uniqueFacts(facts).map((fact) => sql`(${fact.userId}::uuid, ${fact.key})`))
  const { rows } = await sql<{ user_id: string; key: string }>`
    select f.user_id, f.key from achievement_facts f join (values ${values}) as given (user_id, key)
    on f.user_id = given.user_id and f.key = given.key
    where f.kind = ${kind}`.execute(db)
  return rows.map((row) => ({ userId: row.user_id, key: row.key }))
}

/**
 * Records facts of one kind for some users at once, and lists them with the ones those users
 * had, in one statement: each row is a key of that kind a user has now, `fresh` when it was
 * recorded for the first time.
 */
export async function recordFactsAndList(db: Kysely<Database>, kind: FactKind, facts: Fact[]) {
  if (facts.length === 0) return []
  const values = sql.join(uniqueFacts(facts).map((fact) => sql`(${fact.userId}::uuid, ${kind}, ${fact.key})`))
  const users = [...new Set(facts.map((fact) => fact.userId))]
  const { rows } = await sql<{ user_id: string; key: string; fresh: boolean }>`
    with recorded as (
      insert into achievement_facts (user_id, kind, key) values ${values}
      on conflict do nothing
      returning user_id, key
    )
    select user_id, key, true as fresh from recorded
    union all
    select user_id, key, false from achievement_facts
    where kind = ${kind} and user_id = any(${users}::uuid[])`.execute(db)
  return rows
}

/** Metrics that are maxima (raised to at least a value); every other metric is a sum (added to). */
export const raisedMetrics: Metric[] = ['goal_streak', 'habit_streak']

/** One user's counter changes and bonus points, for progressAndUnlock. */
export interface ProgressChanges {
  userId: string
  changes: { metric: Metric; value: number }[]
  bonusPoints: number
}

/**
 * Moves counters of one or more users (sums are added to, maxima raised), unlocks every
 * achievement of those metrics the new values reach unless unlocked before, and adds the unlocks'
 * points plus each user's bonus points to their totals, all in one statement (users are written
 * in the order given). Answers the achievements newly unlocked (usually none), by user and in
 * their order, each with its user's total after the statement.
 */
export async function progressAndUnlock(db: Kysely<Database>, users: ProgressChanges[]) {
  const changes = users.flatMap((user) =>
    user.changes.map((change) => sql`(${user.userId}::uuid, ${change.metric}::text, ${change.value}::bigint)`),
  )
  if (changes.length === 0) return []
  const bonuses = sql.join(users.map((user) => sql`(${user.userId}::uuid, ${user.bonusPoints}::int)`))
  const { rows } = await sql<AchievementsTable & { user_id: string; unlocked_at: Date; total_points: number }>`
    with changes (user_id, metric, value) as (values ${sql.join(changes)}),
    bonuses (user_id, points) as (values ${bonuses}),
    progress as (
      insert into achievement_progress (user_id, metric, value) select user_id, metric, value from changes
      on conflict (user_id, metric) do update set value = case
        when achievement_progress.metric in (${sql.join(raisedMetrics)})
        then greatest(achievement_progress.value, excluded.value)
        else achievement_progress.value + excluded.value end
      returning user_id, metric, value
    ), unlocked as (
      insert into achievement_unlocks (user_id, achievement_id)
      select p.user_id, a.id from achievements a join progress p on a.metric = p.metric and a.threshold <= p.value
      on conflict do nothing
      returning user_id, achievement_id, unlocked_at
    ), earned as (
      select b.user_id, b.points + coalesce(sum(a.points), 0)::int as points
      from bonuses b
      left join unlocked u on u.user_id = b.user_id
      left join achievements a on a.id = u.achievement_id
      group by b.user_id, b.points
    ), rewards as (
      insert into user_rewards (user_id, points) select user_id, points from earned where points > 0 order by user_id
      on conflict (user_id) do update set points = user_rewards.points + excluded.points
      returning user_id, points
    )
    select u.user_id, a.*, u.unlocked_at, r.points as total_points
    from unlocked u join achievements a on a.id = u.achievement_id join rewards r on r.user_id = u.user_id
    order by u.user_id, a.sort_order`.execute(db)
  return rows
}

export async function achievementsWithProgress(
  db: Kysely<Database>,
  userId: string,
  page: { limit: number; afterSortOrder?: number },
) {
  let query = db
    .selectFrom('achievements as a')
    .leftJoin('achievement_progress as p', (join) =>
      join.onRef('p.metric', '=', 'a.metric').on('p.user_id', '=', userId),
    )
    .leftJoin('achievement_unlocks as u', (join) =>
      join.onRef('u.achievement_id', '=', 'a.id').on('u.user_id', '=', userId),
    )
    .select([
      'a.id',
      'a.name',
      'a.description',
      'a.metric',
      'a.threshold',
      'a.points',
      'a.sort_order',
      'p.value',
      'u.unlocked_at',
    ])
  if (page.afterSortOrder !== undefined) query = query.where('a.sort_order', '>', page.afterSortOrder)
  return query
    .orderBy('a.sort_order')
    .limit(page.limit + 1)
    .execute()
}

/**
 * The habits each (user, local day) counts for perfect days, in one query: started by that day and
 * not archived, with the day's check-in status (null without one).
 */
export async function habitsOnDays(trx: Kysely<Database>, days: { userId: string; localDate: string }[]) {
  const values = sql.join(days.map((day) => sql`(${day.userId}::uuid, ${day.localDate}::date)`))
  const { rows } = await sql<{ user_id: string; local_date: string; schedule: Schedule; status: CheckInStatus | null }>`
    select d.user_id, d.local_date, h.schedule, c.status
    from (values ${values}) as d (user_id, local_date)
    join habits h on h.user_id = d.user_id and h.archived_at is null and h.start_date <= d.local_date
    left join check_ins c on c.habit_id = h.id and c.local_date = d.local_date`.execute(trx)
  return rows
}
