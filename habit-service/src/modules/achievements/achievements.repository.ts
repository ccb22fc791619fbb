import { type Kysely, sql } from 'kysely'
import type { FactKind, Metric } from '../../db/tables/achievements.ts'
import type { Database } from '../../db/tables.ts'

/** Records a fact once; true only the first time, so counters built on it ignore repeats. */
export async function recordFact(db: Kysely<Database>, userId: string, kind: FactKind, key: string) {
  const inserted = await db
    .insertInto('achievement_facts')
    .values({ user_id: userId, kind, key })
    .onConflict((c) => c.doNothing())
    .returning('key')
    .executeTakeFirst()
  return inserted !== undefined
}

export async function hasFact(db: Kysely<Database>, userId: string, kind: FactKind, key: string) {
  const row = await db
    .selectFrom('achievement_facts')
    .select('key')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('key', '=', key)
    .executeTakeFirst()
  return row !== undefined
}

export async function factKeys(db: Kysely<Database>, userId: string, kind: FactKind) {
  const rows = await db
    .selectFrom('achievement_facts')
    .select('key')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('key')
    .execute()
  return rows.map((row) => row.key)
}

/**
 * Adds to counters (`add`) or raises them to at least a value (`raise`), and in the same statement
 * unlocks every achievement of those metrics the new values reach, unless unlocked before.
 * Answers the achievements newly unlocked (usually none).
 */
export async function progressAndUnlock(
  db: Kysely<Database>,
  userId: string,
  mode: 'add' | 'raise',
  changes: { metric: Metric; value: number }[],
) {
  const next =
    mode === 'add'
      ? sql`achievement_progress.value + excluded.value`
      : sql`greatest(achievement_progress.value, excluded.value)`
  const values = sql.join(changes.map((change) => sql`(${userId}::uuid, ${change.metric}, ${change.value})`))
  const { rows } = await sql<{ achievement_id: string; unlocked_at: Date }>`
    with progress as (
      insert into achievement_progress (user_id, metric, value) values ${values}
      on conflict (user_id, metric) do update set value = ${next}
      returning metric, value
    )
    insert into achievement_unlocks (user_id, achievement_id)
    select ${userId}::uuid, a.id from achievements a join progress p on a.metric = p.metric and a.threshold <= p.value
    on conflict do nothing
    returning achievement_id, unlocked_at`.execute(db)
  if (rows.length === 0) return []
  const definitions = await db
    .selectFrom('achievements')
    .selectAll()
    .where(
      'id',
      'in',
      rows.map((row) => row.achievement_id),
    )
    .orderBy('sort_order')
    .execute()
  const at = new Map(rows.map((row) => [row.achievement_id, row.unlocked_at]))
  return definitions.map((definition) => ({ ...definition, unlockedAt: at.get(definition.id) as Date }))
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
