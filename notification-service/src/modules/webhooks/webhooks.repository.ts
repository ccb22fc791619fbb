import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { WebhookDeliveriesTable, WebhooksTable } from '../../db/tables/webhooks.ts'
import type { Database } from '../../db/tables.ts'

/** A page of the user's webhooks, newest first: one range of (user_id, id desc). */
export function webhooksOf(db: Kysely<Database>, userId: string, after: string | undefined, rows: number) {
  let query = db.selectFrom('webhooks').selectAll().where('user_id', '=', userId)
  if (after) query = query.where('id', '<', after)
  return query.orderBy('id', 'desc').limit(rows).execute()
}

export const countWebhooks = async (db: Kysely<Database>, userId: string) =>
  Number(
    (
      await db
        .selectFrom('webhooks')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).count,
  )

/** The user's webhook (another's is undefined); `forUpdate` locks it until the transaction ends. */
export function findWebhook(db: Kysely<Database>, userId: string, id: string, forUpdate = false) {
  const query = db.selectFrom('webhooks').selectAll().where('id', '=', id).where('user_id', '=', userId)
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

export const insertWebhook = (db: Kysely<Database>, row: Insertable<WebhooksTable>) =>
  db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow()

export const updateWebhook = (db: Kysely<Database>, id: string, changes: Updateable<WebhooksTable>) =>
  db
    .updateTable('webhooks')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

export const deleteWebhook = (db: Kysely<Database>, userId: string, id: string) =>
  db.deleteFrom('webhooks').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()

/** Deletes every webhook of a user (their account is erased), with their deliveries and attempts (cascade). */
export const eraseWebhooks = (db: Kysely<Database>, userId: string) =>
  db.deleteFrom('webhooks').where('user_id', '=', userId).execute()

/** The turned-on webhooks of these users, with what decides which events each takes: one index range per user. */
export const enabledWebhooksOf = (db: Kysely<Database>, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('webhooks')
        .select(['id', 'user_id', 'project_id', 'event_types'])
        .where('user_id', 'in', userIds)
        .where('enabled', '=', true)
        .execute()

/** New deliveries; one already made for the same webhook and event is left as it is. Returns those made. */
export const insertDeliveries = (db: Kysely<Database>, rows: Insertable<WebhookDeliveriesTable>[]) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('webhook_deliveries')
        .values(rows)
        .onConflict((conflict) => conflict.columns(['webhook_id', 'event_id']).doNothing())
        .returning('id')
        .execute()

/** A page of a webhook's deliveries, newest first: one range of (webhook_id, id desc). */
export function deliveriesOf(db: Kysely<Database>, webhookId: string, after: string | undefined, rows: number) {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId)
  if (after) query = query.where('id', '<', after)
  return query.orderBy('id', 'desc').limit(rows).execute()
}

export const findDelivery = (db: Kysely<Database>, webhookId: string, id: string) =>
  db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst()

export const attemptsOf = (db: Kysely<Database>, deliveryId: string) =>
  db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('number').execute()

/** A delivery with what sending it needs of its webhook. */
export const deliveryToSend = (db: Kysely<Database>, deliveryId: string) =>
  db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.payload',
      'd.state',
      'd.retrying_since',
      'w.id as webhook_id',
      'w.user_id',
      'w.url',
      'w.enabled',
      'w.secret',
      'w.previous_secret',
      'w.previous_secret_expires_at',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst()

export interface AttemptRecord {
  number: number
  attemptedAt: Date
  status: number | null
  error: string | null
  durationMs: number
}

/** Logs an attempt and sets the delivery's outcome. */
export async function recordAttempt(
  trx: Kysely<Database>,
  deliveryId: string,
  attempt: AttemptRecord,
  outcome: Updateable<WebhookDeliveriesTable>,
) {
  await trx
    .insertInto('webhook_attempts')
    .values({
      delivery_id: deliveryId,
      number: attempt.number,
      attempted_at: attempt.attemptedAt,
      status: attempt.status,
      error: attempt.error,
      duration_ms: attempt.durationMs,
    })
    .execute()
  await trx
    .updateTable('webhook_deliveries')
    .set({
      ...outcome,
      attempts: attempt.number,
      last_status: attempt.status,
      last_error: attempt.error,
      last_duration_ms: attempt.durationMs,
    })
    .where('id', '=', deliveryId)
    .execute()
}

export const setDelivery = (db: Kysely<Database>, id: string, changes: Updateable<WebhookDeliveriesTable>) =>
  db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()

/** Webhooks after `after` (by id) whose secret, or previous one, is not sealed under the current key. */
export const staleSecrets = (db: Kysely<Database>, currentPrefix: string, after: string | undefined, limit: number) =>
  db
    .selectFrom('webhooks')
    .select(['id', 'secret', 'previous_secret'])
    .where((eb) =>
      eb.or([
        eb('secret', 'not like', `${currentPrefix}%`),
        eb.and([eb('previous_secret', 'is not', null), eb('previous_secret', 'not like', `${currentPrefix}%`)]),
      ]),
    )
    .$if(after !== undefined, (query) => query.where('id', '>', after as string))
    .orderBy('id')
    .limit(limit)
    .execute()
