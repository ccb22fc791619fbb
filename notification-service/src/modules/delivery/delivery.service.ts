import type { UnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { NotificationContext } from '../../context.ts'
import type { NotificationRow } from '../../db/tables/notifications.ts'
import type { Database } from '../../db/tables.ts'
import { enqueueMany, type JobSpec } from '../../jobs/queue.ts'
import { MailDeliveryError } from '../email/email.mailer.ts'
import { type NotificationEmails, openPathOf } from '../email/email.service.ts'
import { refusedAccounts } from '../notifications/notifications.repository.ts'
import { findPreferences, toPreferences } from '../preferences/preferences.repository.ts'
import { emailAudience, insertDeliveries, lockEmailDelivery, setEmailDelivery } from './delivery.repository.ts'
import { expiringKinds, quietHoursEnd } from './quiet-hours.ts'

/** What the delivery jobs work with: the service's context and the e-mails it sends. */
export interface DeliveryContext extends NotificationContext {
  emails: NotificationEmails
}

export const sendEmailTask = 'send-email'
/** One job per notification on the e-mail channel: enqueued twice, it is still one. */
export const emailJobKey = (notificationId: string) => `${sendEmailTask}:${notificationId}`
/** E-mails wait while in-app notifications are due (a minute's reminders are in the inbox before their e-mails go). */
const emailPriority = 10

/**
 * Queues the e-mail of each new notification whose user takes that kind by e-mail (not muted, the
 * kind's e-mail on), in the unit of work that creates them: a `deliveries` row
 * (`pending`) and a `send-email` job exist iff the notifications do. In the user's quiet hours the job
 * runs when they end; a kind that expires (`expiringKinds`) is not e-mailed at all then.
 */
export async function planEmails(work: UnitOfWork<Database>, created: NotificationRow[], now = new Date()) {
  const audience = await emailAudience(work.trx, [...new Set(created.map((row) => row.user_id))])
  const preferences = new Map(audience.preferences.map((row) => [row.user_id, toPreferences(row)]))
  const timezones = new Map(audience.profiles.map((row) => [row.user_id, row.timezone]))
  const planned: string[] = []
  const jobs: JobSpec[] = []
  for (const row of created) {
    const settings = preferences.get(row.user_id) ?? toPreferences(undefined)
    if (settings.muted || !settings.kinds[row.kind].email) continue
    const heldUntil = quietHoursEnd(now, timezones.get(row.user_id) ?? 'UTC', settings.quietHours)
    if (heldUntil && expiringKinds.has(row.kind)) continue
    const payload = { notificationId: row.id }
    jobs.push({ task: sendEmailTask, payload, jobKey: emailJobKey(row.id), runAt: heldUntil, priority: emailPriority })
    planned.push(row.id)
  }
  await enqueueMany(work.trx, jobs)
  await insertDeliveries(work.trx, planned)
}

type Claim =
  | { send: false; outcome: string }
  | {
      send: true
      attempts: number
      notification: NonNullable<Awaited<ReturnType<typeof lockEmailDelivery>>>['notification']
    }

/**
 * Claims the e-mail of a notification for this attempt, committed before the relay is asked:
 * `pending` becomes `sending`; `cancelled` when the account is refused, the e-mail turned off since, or
 * the address still unknown after `attemptsAwaitingAddress` attempts. A delivery left `sending` was claimed by an attempt that died (a killed
 * worker) after it may have handed the message over: it becomes `unknown` and is not sent again.
 */
/**
 * Attempts that wait for the user's address: the auth event that brings it and the event of the
 * notification come on different topics, so the notification may be first; then the job is retried.
 */
const attemptsAwaitingAddress = 3

async function claim(db: Kysely<Database>, notificationId: string, attempt: number): Promise<Claim> {
  return db.transaction().execute(async (trx) => {
    const delivery = await lockEmailDelivery(trx, notificationId)
    if (!delivery) return { send: false, outcome: 'erased' }
    if (delivery.state === 'sending') {
      await setEmailDelivery(trx, notificationId, 'unknown', { lastError: 'an attempt ended while sending' })
      return { send: false, outcome: 'unknown' }
    }
    if (delivery.state !== 'pending') return { send: false, outcome: delivery.state }
    const { notification } = delivery
    const refused = await refusedAccounts(trx, [notification.user_id])
    const preferences = await findPreferences(trx, notification.user_id)
    if (
      refused.has(notification.user_id) ||
      preferences.muted ||
      !preferences.kinds[notification.kind].email ||
      (notification.address === null && attempt >= attemptsAwaitingAddress)
    ) {
      await setEmailDelivery(trx, notificationId, 'cancelled')
      return { send: false, outcome: 'cancelled' }
    }
    if (notification.address === null) throw new Error('the user’s address is not known yet')
    const attempts = delivery.attempts + 1
    await setEmailDelivery(trx, notificationId, 'sending', { attempts })
    return { send: true, attempts, notification }
  })
}

const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
const setupTimeouts = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT'])

/**
 * Whether a failed send surely did not hand the message over: the relay replied (a 4xx or 5xx refuses
 * it), or it was never reached (refused or unresolvable connection, no greeting, no TLS). A socket that
 * timed out or closed in the middle of a session may have lost the reply to a message the relay took.
 */
export function surelyNotSent(error: MailDeliveryError) {
  const cause = error.cause as { originalCode?: string; timeoutType?: string } | undefined
  return (
    error.responseCode !== undefined ||
    error.code === 'EDNS' ||
    error.code === 'ETLS' ||
    unreachable.has(cause?.originalCode ?? '') ||
    setupTimeouts.has(cause?.timeoutType ?? '')
  )
}

/**
 * The `send-email` job: sends a notification's e-mail at most once. After a definite failure the delivery
 * goes back to `pending` and the job throws, so graphile-worker retries it with backoff (`failed` after
 * its last attempt); a permanent refusal (5xx) is `failed` at once; a failure that may have delivered
 * is `unknown` and not retried.
 */
export async function sendEmail(
  ctx: DeliveryContext,
  notificationId: string,
  attempt: { number: number; of: number },
): Promise<string> {
  const claimed = await claim(ctx.db, notificationId, attempt.number)
  if (!claimed.send) return claimed.outcome
  const { notification } = claimed
  try {
    await ctx.emails.send(
      {
        id: notification.id,
        userId: notification.user_id,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        openPath: openPathOf(notification.data),
      },
      { address: notification.address as string, name: notification.display_name ?? undefined },
    )
  } catch (error) {
    const message = (error as Error).message
    if (error instanceof MailDeliveryError && !surelyNotSent(error)) {
      await setEmailDelivery(ctx.db, notificationId, 'unknown', { lastError: message })
      ctx.log.error({ notificationId, err: message }, 'e-mail may or may not have been delivered: not resent')
      return 'unknown'
    }
    const retry = !(error instanceof MailDeliveryError) || error.retryable
    const last = attempt.number >= attempt.of
    await setEmailDelivery(ctx.db, notificationId, retry && !last ? 'pending' : 'failed', { lastError: message })
    if (retry && !last) throw error
    ctx.log.error({ notificationId, err: message }, 'e-mail not delivered')
    return 'failed'
  }
  await setEmailDelivery(ctx.db, notificationId, 'sent', { sentAt: new Date(), lastError: null })
  return 'sent'
}
