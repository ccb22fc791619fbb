import { randomBytes } from 'node:crypto'
import { lockUser } from '@focushub/shared/db'
import { errors } from '@focushub/shared/errors'
import {
  type ConsumedEvent,
  type EventType,
  inUnitOfWork,
  recipientsOf,
  type UnitOfWork,
} from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import { type Kysely, sql } from 'kysely'
import { Webhook as Signer } from 'standardwebhooks'
import { v7 as uuidv7 } from 'uuid'
import type { NotificationContext } from '../../context.ts'
import type { WebhookDeliveryRow, WebhookRow } from '../../db/tables/webhooks.ts'
import type { Database } from '../../db/tables.ts'
import { notificationError } from '../../errors.ts'
import { enqueueMany } from '../../jobs/queue.ts'
import { tell } from '../notifications/notifications.service.ts'
import { webhookDisabled } from '../notifications/triggers.ts'
import { type Outgoing, refusedRange } from './outgoing.ts'
import type { SecretBox } from './secret-box.ts'
import { nextAttemptAt } from './webhook-schedule.ts'
import {
  attemptsOf,
  countWebhooks,
  deleteWebhook,
  deliveriesOf,
  deliveryToSend,
  enabledWebhooksOf,
  findDelivery,
  findWebhook,
  insertDeliveries,
  insertWebhook,
  recordAttempt,
  setDelivery,
  staleSecrets,
  updateWebhook,
  webhooksOf,
} from './webhooks.repository.ts'
import {
  type CreateWebhookBody,
  projectEventTypes,
  type UpdateWebhookBody,
  webhookEventTypes,
} from './webhooks.schemas.ts'

/** Whether a user may own a project's webhook: their role in it (task-service's), undefined when not a member. */
export type ProjectRoleOf = (projectId: string, userId: string) => Promise<string | undefined>

/** What the webhooks module works with: the service's context, its outgoing requests, and project roles. */
export interface WebhookContext extends NotificationContext {
  outgoing: Outgoing
  projectRoleOf: ProjectRoleOf
  /** Seals and opens the signing secrets stored (WEBHOOK_SECRET_KEYS). */
  secrets: SecretBox
}

export const deliverWebhookTask = 'deliver-webhook'
/** One job per delivery: a retry or a replay enqueued while one waits replaces it. */
export const deliveryJobKey = (deliveryId: string) => `${deliverWebhookTask}:${deliveryId}`
/** The job that attempts a delivery (at `runAt`, or now). */
const deliveryJob = (deliveryId: string, runAt?: Date) => ({
  task: deliverWebhookTask,
  payload: { deliveryId },
  jobKey: deliveryJobKey(deliveryId),
  ...(runAt && { runAt }),
})
/** Webhooks per user. */
export const maxWebhooksPerUser = 20
/** How long the secret before a rotation keeps signing. */
const previousSecretHours = 24
const hourMs = 60 * 60 * 1000

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`
/** What the list shows of a secret: its first characters, to tell which one a receiver holds. */
const hintOf = (secret: string) => secret.slice(0, 12)

export const toWebhook = (row: WebhookRow) => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.event_types,
  projectId: row.project_id,
  enabled: row.enabled,
  disabledReason: row.disabled_reason,
  secretHint: row.secret_hint,
  previousSecretExpiresAt: liveUntil(row)?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

export const toDelivery = (row: WebhookDeliveryRow) => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type,
  state: row.state,
  attempts: row.attempts,
  lastStatus: row.last_status,
  lastError: row.last_error,
  lastDurationMs: row.last_duration_ms,
  createdAt: row.created_at.toISOString(),
  nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
  deliveredAt: row.delivered_at?.toISOString() ?? null,
})

/** Until when the secret before the last rotation still signs; undefined when it no longer does. */
function liveUntil(row: Pick<WebhookRow, 'previous_secret' | 'previous_secret_expires_at'>, now = new Date()) {
  const until = row.previous_secret_expires_at
  return row.previous_secret && until && until > now ? until : undefined
}

const invalidUrl = (message: string) => errors.validation('The webhook URL is not allowed', [{ field: 'url', message }])

/**
 * What can be said of a URL before any delivery: https (unless private targets are allowed) and not an
 * address the guard refuses. A name is checked when each delivery resolves it (`publicOnlyLookup`).
 */
function checkTarget(ctx: WebhookContext, url: string) {
  if (ctx.config.WEBHOOK_ALLOW_PRIVATE_TARGETS) return
  const target = new URL(url)
  if (target.protocol !== 'https:') throw invalidUrl('must be an https:// URL')
  if (target.username || target.password) throw invalidUrl('must not carry credentials')
  const host = target.hostname.replace(/^\[|\]$/g, '')
  const range = refusedRange(host)
  if ((range && range !== 'invalid') || host === 'localhost' || host.endsWith('.localhost'))
    throw invalidUrl('must reach a public address (not a private, loopback or link-local one)')
}

/** A project's webhook: its owner's only, and only for the project's own events. */
async function checkProject(ctx: WebhookContext, userId: string, projectId: string | null, eventTypes: string[]) {
  if (!projectId) return
  const role = await ctx.projectRoleOf(projectId, userId)
  if (!role) throw errors.notFound('No such project')
  if (role !== 'owner') throw errors.forbidden('Only the project’s owner may add a webhook to it')
  const outside = eventTypes.filter((type) => !projectEventTypes.has(type))
  if (outside.length > 0)
    throw errors.validation('A project webhook takes only its project’s events', [
      { field: 'eventTypes', message: `not a project event: ${outside.join(', ')}` },
    ])
}

export async function createWebhook(ctx: WebhookContext, userId: string, body: CreateWebhookBody) {
  checkTarget(ctx, body.url)
  await checkProject(ctx, userId, body.projectId ?? null, body.eventTypes)
  const secret = newSecret()
  const row = await ctx.db.transaction().execute(async (trx) => {
    // One user's creations one at a time, so two at once count each other.
    await lockUser(trx, 'webhooks', userId)
    if ((await countWebhooks(trx, userId)) >= maxWebhooksPerUser)
      throw notificationError('webhook-limit-reached', `At most ${maxWebhooksPerUser} webhooks: delete one first`)
    const id = uuidv7()
    return insertWebhook(trx, {
      id,
      user_id: userId,
      project_id: body.projectId ?? null,
      url: body.url,
      description: body.description ?? '',
      event_types: body.eventTypes,
      secret: ctx.secrets.seal(secret, id),
      secret_hint: hintOf(secret),
      disabled_reason: null,
    })
  })
  return { ...toWebhook(row), secret }
}

export async function listWebhooks(ctx: WebhookContext, userId: string, page: { cursor?: string; limit: number }) {
  const rows = await webhooksOf(ctx.db, userId, page.cursor ? decodeCursor(page.cursor) : undefined, page.limit + 1)
  const { items, nextCursor } = pageOf(rows, page.limit)
  return { items: items.map(toWebhook), nextCursor }
}

async function ownWebhook(db: Kysely<Database>, userId: string, id: string, forUpdate = false) {
  const row = await findWebhook(db, userId, id, forUpdate)
  if (!row) throw errors.notFound('No such webhook')
  return row
}

export const getWebhook = async (ctx: WebhookContext, userId: string, id: string) =>
  toWebhook(await ownWebhook(ctx.db, userId, id))

export async function changeWebhook(ctx: WebhookContext, userId: string, id: string, body: UpdateWebhookBody) {
  if (body.url) checkTarget(ctx, body.url)
  const before = await ownWebhook(ctx.db, userId, id)
  if (body.eventTypes) await checkProject(ctx, userId, before.project_id, body.eventTypes)
  const row = await ctx.db.transaction().execute(async (trx) => {
    await ownWebhook(trx, userId, id, true)
    return updateWebhook(trx, id, {
      ...(body.url !== undefined && { url: body.url }),
      ...(body.eventTypes !== undefined && { event_types: body.eventTypes }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.enabled !== undefined && { enabled: body.enabled, disabled_reason: null }),
    })
  })
  return toWebhook(row)
}

/** Deletes it with its deliveries and their log; a delivery's job then finds nothing to send. */
export async function removeWebhook(ctx: WebhookContext, userId: string, id: string) {
  const { numDeletedRows } = await deleteWebhook(ctx.db, userId, id)
  if (numDeletedRows === 0n) throw errors.notFound('No such webhook')
}

/** A new secret, shown once; the one before still signs (a second signature) for a day, so receivers can switch. */
export async function rotateSecret(ctx: WebhookContext, userId: string, id: string, now = new Date()) {
  const secret = newSecret()
  const expiresAt = new Date(now.getTime() + previousSecretHours * hourMs)
  await ctx.db.transaction().execute(async (trx) => {
    const row = await ownWebhook(trx, userId, id, true)
    await updateWebhook(trx, id, {
      secret: ctx.secrets.seal(secret, id),
      secret_hint: hintOf(secret),
      previous_secret: row.secret,
      previous_secret_expires_at: expiresAt,
    })
  })
  return { secret, previousSecretExpiresAt: expiresAt.toISOString() }
}

/** What a receiver gets: the event's type, time and payload (without its audience), and its id. */
function payloadOf(event: { id: string; type: string; occurredAt: string; data: unknown }) {
  const { audience: _audience, ...data } = event.data as Record<string, unknown>
  return { type: event.type, timestamp: event.occurredAt, eventId: event.id, data }
}

/** Deliveries made in the caller's transaction, each with its job: they exist iff the change commits. */
async function queueDeliveries(
  trx: Kysely<Database>,
  event: { id: string; type: string; occurredAt: string; data: unknown },
  webhookIds: string[],
) {
  const payload = JSON.stringify(payloadOf(event))
  const made = await insertDeliveries(
    trx,
    webhookIds.map((webhookId) => ({
      id: uuidv7(),
      webhook_id: webhookId,
      event_id: event.id,
      event_type: event.type,
      payload,
      next_attempt_at: new Date(),
    })),
  )
  await enqueueMany(
    trx,
    made.map(({ id }) => deliveryJob(id)),
  )
  return made
}

const sentTypes = new Set<string>(webhookEventTypes)

/**
 * The webhooks consumer's handler: each event of a type webhooks take is queued to every turned-on
 * webhook of the users it concerns (recipientsOf) that takes its type — their own, and their
 * project's for a project's event. Delivery ids are unique per webhook and event, so an event told twice
 * is queued once.
 */
export async function queueEventDeliveries(work: UnitOfWork<Database>, events: ConsumedEvent<EventType>[]) {
  const sent = events.filter((event) => sentTypes.has(event.type))
  const concerned = new Map(sent.map((event) => [event, recipientsOf(event)]))
  // One read for the run: the turned-on webhooks of every user its events concern.
  const webhooks = await enabledWebhooksOf(work.trx, [...new Set([...concerned.values()].flat())])
  if (webhooks.length === 0) return
  for (const [event, userIds] of concerned) {
    const { projectId } = event.data as { projectId?: unknown }
    const subscribers = webhooks.filter(
      (webhook) =>
        userIds.includes(webhook.user_id) &&
        webhook.event_types.includes(event.type) &&
        (webhook.project_id === null || webhook.project_id === projectId),
    )
    if (subscribers.length > 0)
      await queueDeliveries(
        work.trx,
        event,
        subscribers.map(({ id }) => id),
      )
  }
}

/** A test delivery of `webhook.ping`, whatever the webhook's types. */
export async function ping(ctx: WebhookContext, userId: string, id: string) {
  const webhook = await ownWebhook(ctx.db, userId, id)
  if (!webhook.enabled) throw notificationError('webhook-disabled', 'The webhook is off: turn it on first')
  const event = { id: uuidv7(), type: 'webhook.ping', occurredAt: new Date().toISOString(), data: { webhookId: id } }
  return ctx.db.transaction().execute(async (trx) => {
    const [made] = await queueDeliveries(trx, event, [id])
    return toDelivery(await ownDelivery(trx, id, made.id))
  })
}

export async function listDeliveries(
  ctx: WebhookContext,
  userId: string,
  id: string,
  page: { cursor?: string; limit: number },
) {
  await ownWebhook(ctx.db, userId, id)
  const rows = await deliveriesOf(ctx.db, id, page.cursor ? decodeCursor(page.cursor) : undefined, page.limit + 1)
  const { items, nextCursor } = pageOf(rows, page.limit)
  return { items: items.map(toDelivery), nextCursor }
}

/** A delivery of a webhook the caller owns (checked before). */
async function ownDelivery(db: Kysely<Database>, id: string, deliveryId: string) {
  const row = await findDelivery(db, id, deliveryId)
  if (!row) throw errors.notFound('No such delivery')
  return row
}

export async function getDelivery(ctx: WebhookContext, userId: string, id: string, deliveryId: string) {
  await ownWebhook(ctx.db, userId, id)
  const row = await ownDelivery(ctx.db, id, deliveryId)
  const attempts = await attemptsOf(ctx.db, deliveryId)
  return {
    ...toDelivery(row),
    payload: row.payload,
    attemptLog: attempts.map((attempt) => ({
      number: attempt.number,
      attemptedAt: attempt.attempted_at.toISOString(),
      status: attempt.status,
      error: attempt.error,
      durationMs: attempt.duration_ms,
    })),
  }
}

/**
 * Sends a delivery again, with the same id (the receiver may de-duplicate it) and a new retry window;
 * one still waiting for its retry is tried now instead.
 */
export async function replay(ctx: WebhookContext, userId: string, id: string, deliveryId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const webhook = await ownWebhook(trx, userId, id, true)
    if (!webhook.enabled) throw notificationError('webhook-disabled', 'The webhook is off: turn it on first')
    await ownDelivery(trx, id, deliveryId)
    const now = new Date()
    const row = await setDelivery(trx, deliveryId, {
      state: 'pending',
      retrying_since: now,
      next_attempt_at: now,
      delivered_at: null,
    })
    await enqueueMany(trx, [deliveryJob(deliveryId)])
    return toDelivery(row)
  })
}

const statusMessage = (status: number) => `answered ${status}`

/**
 * One attempt of a delivery (the `deliver-webhook` job): signed with the webhook's secret (and the one
 * before a rotation, while it lasts), POSTed through the guard, and logged. A 2xx answer delivers it;
 * anything else is retried on the schedule until the retry window closes, when the delivery fails and
 * its webhook is turned off with a notification to its owner. A delivery no longer pending, or whose
 * webhook is gone or off, is not sent.
 */
export async function attemptDelivery(ctx: WebhookContext, deliveryId: string) {
  const delivery = await deliveryToSend(ctx.db, deliveryId)
  if (delivery?.state !== 'pending') return 'skipped'
  if (!delivery.enabled) {
    await setDelivery(ctx.db, deliveryId, { state: 'failed', next_attempt_at: null, last_error: 'the webhook is off' })
    return 'skipped'
  }

  const body = JSON.stringify(delivery.payload)
  const attemptedAt = new Date()
  const sealed = [delivery.secret, ...(liveUntil(delivery, attemptedAt) ? [delivery.previous_secret as string] : [])]
  const signature = sealed
    .map((secret) => new Signer(ctx.secrets.open(secret, delivery.webhook_id)).sign(deliveryId, attemptedAt, body))
    .join(' ')
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'FocusHub-Webhooks/1',
    'webhook-id': deliveryId,
    'webhook-timestamp': String(Math.floor(attemptedAt.getTime() / 1000)),
    'webhook-signature': signature,
  }
  const started = performance.now()
  let status: number | null = null
  let error: string | null = null
  try {
    const answer = await ctx.outgoing.post(delivery.url, headers, body)
    status = answer.status
    if (status < 200 || status > 299) error = statusMessage(status)
  } catch (cause) {
    // The guard's refusal, a refused connection, a timeout: its message is what the log shows.
    error = ((cause as Error).message || String(cause)).slice(0, 500)
  }
  const durationMs = Math.round(performance.now() - started)
  const now = new Date()
  const policy = {
    firstRetryMs: ctx.config.WEBHOOK_FIRST_RETRY_SECONDS * 1000,
    retryForMs: ctx.config.WEBHOOK_RETRY_HOURS * hourMs,
  }

  return inUnitOfWork(ctx.db, async (work) => {
    const current = await work.trx
      .selectFrom('webhook_deliveries')
      .select(['attempts', 'state'])
      .where('id', '=', deliveryId)
      .forUpdate()
      .executeTakeFirst()
    if (!current) return 'skipped'
    const number = current.attempts + 1
    const attempt = { number, attemptedAt, status, error, durationMs }
    if (error === null) {
      await recordAttempt(work.trx, deliveryId, attempt, {
        state: 'delivered',
        delivered_at: now,
        next_attempt_at: null,
      })
      return 'delivered'
    }
    const retry = nextAttemptAt(policy, delivery.retrying_since, number, now)
    if (retry) {
      await recordAttempt(work.trx, deliveryId, attempt, { state: 'pending', next_attempt_at: retry })
      await enqueueMany(work.trx, [deliveryJob(deliveryId, retry)])
      return 'retrying'
    }
    await recordAttempt(work.trx, deliveryId, attempt, { state: 'failed', next_attempt_at: null })
    await turnOffFailing(work, {
      webhookId: delivery.webhook_id,
      userId: delivery.user_id,
      url: delivery.url,
      deliveryId,
    })
    return 'failed'
  })
}

/** A delivery failed for the whole retry window: its webhook is turned off and its owner told. */
async function turnOffFailing(
  work: UnitOfWork<Database>,
  failed: { webhookId: string; userId: string; url: string; deliveryId: string },
) {
  const turnedOff = await work.trx
    .updateTable('webhooks')
    .set({ enabled: false, disabled_reason: 'failing', updated_at: sql`now()` })
    .where('id', '=', failed.webhookId)
    .where('enabled', '=', true)
    .returning('id')
    .executeTakeFirst()
  if (turnedOff) await tell(work, [webhookDisabled(failed)])
}

/** Webhooks read at once by `sealStoredSecrets`. */
const sealBatch = 500

/**
 * Seals every stored secret that is not sealed under the current key (written before secrets were sealed,
 * or under a key since replaced), once the service has started: one pass over the webhooks by id. Each row is written only if
 * its secret is still the one read, so a rotation at the same moment is not undone. A secret under a key
 * no longer listed cannot be opened: it is logged and left (its deliveries fail until the key is listed
 * again). Answers how many webhooks were sealed again.
 */
export async function sealStoredSecrets(ctx: WebhookContext) {
  const { secrets } = ctx
  let sealed = 0
  let after: string | undefined
  for (;;) {
    const stale = await staleSecrets(ctx.db, secrets.currentPrefix, after, sealBatch)
    if (stale.length === 0) return sealed
    after = stale[stale.length - 1].id
    for (const row of stale) {
      try {
        const reseal = (secret: string) => secrets.seal(secrets.open(secret, row.id), row.id)
        await ctx.db
          .updateTable('webhooks')
          .set({ secret: reseal(row.secret), previous_secret: row.previous_secret && reseal(row.previous_secret) })
          .where('id', '=', row.id)
          .where('secret', '=', row.secret)
          .execute()
        sealed += 1
      } catch (error) {
        ctx.log.error({ err: error, webhookId: row.id }, 'a webhook secret could not be sealed again')
      }
    }
  }
}
