import { randomUUID } from 'node:crypto'
import { createConnection, createServer, type Server } from 'node:net'
import { clearMail, findMail, waitForMail } from '@focushub/shared/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailJobKey, sendEmail } from '../../src/modules/delivery/delivery.service.ts'
import { createMailer } from '../../src/modules/email/email.mailer.ts'
import { notificationEmails } from '../../src/modules/email/email.service.ts'
import { unsubscribeTokens } from '../../src/modules/email/unsubscribe-token.ts'
import { defaultKinds, savePreferences } from '../../src/modules/preferences/preferences.repository.ts'
import { consumed, deliverEvents, invitation, newUser, startNotificationService, type TestService } from './support.ts'

const registered = (userId: string, email: string, timezone = 'UTC') =>
  consumed('auth.user.registered', userId, {
    email,
    displayName: 'Ada Lovelace',
    role: 'user',
    timezone,
    dayStartHour: 0,
  })

const address = () => `${randomUUID()}@example.test`

/** A user the service knows the address of, and whose mail box in the catcher is empty. */
async function recipient(service: TestService, timezone = 'UTC') {
  const userId = newUser()
  const email = address()
  await deliverEvents(service, [registered(userId, email, timezone)])
  return { userId, email }
}

const deliveryOf = (service: TestService, notificationId: string) =>
  service.db.selectFrom('deliveries').selectAll().where('notification_id', '=', notificationId).executeTakeFirst()

const notificationOf = (service: TestService, userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow()

const jobOf = async (service: TestService, notificationId: string) => {
  const { rows } = await sql<{
    run_at: Date
    attempts: number
    last_error: string | null
    locked_at: Date | null
    updated_at: Date
  }>`
    select run_at, attempts, last_error, locked_at, updated_at from ${sql.id(service.config.JOB_QUEUE_SCHEMA, 'jobs')}
    where key = ${emailJobKey(notificationId)}`.execute(service.db)
  return rows[0]
}

/** Makes a held or backed-off job due now (instead of waiting for its time). */
const runNow = (service: TestService, notificationId: string) =>
  sql`update ${sql.id(service.config.JOB_QUEUE_SCHEMA, '_private_jobs')} set run_at = now()
      where key = ${emailJobKey(notificationId)}`.execute(service.db)

const hhmm = (date: Date) => date.toISOString().slice(11, 16)

describe('e-mail delivery', () => {
  let service: TestService

  beforeAll(async () => {
    service = await startNotificationService({ JOB_POLL_INTERVAL_MS: '200' })
  })
  afterAll(() => service.close())

  it('e-mails a notification the user takes by e-mail, once, with the one-click unsubscribe headers', async () => {
    const { userId, email } = await recipient(service)
    await deliverEvents(service, [invitation(userId, 'Apollo <b>')])
    const mail = await waitForMail({ to: email })
    const notification = await notificationOf(service, userId)

    expect(mail.subject).toBe(notification.title)
    expect(mail.text).toContain('Hi Ada Lovelace,')
    expect(mail.text).toContain(notification.body)
    expect(mail.html).not.toContain('<b>')
    // It opens where the inbox would: an invitation, the invitations waiting for an answer.
    expect(mail.text).toContain('http://localhost/invitations')
    expect(mail.headers['x-focushub-idempotency-key']).toBe(`${notification.id}:email`)
    expect(mail.headers['message-id']).toBe(`<${notification.id}.email@focushub.localhost>`)
    expect(mail.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/localhost\/api\/v1\/notifications\/unsubscribe\?token=/,
    )
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    await expect.poll(async () => (await deliveryOf(service, notification.id))?.state).toBe('sent')
    expect(await deliveryOf(service, notification.id)).toMatchObject({ attempts: 1, last_error: null })
    expect((await deliveryOf(service, notification.id))?.sent_at).toBeInstanceOf(Date)
  })

  it('queues nothing when the kind’s e-mail is off or the user muted', async () => {
    const off = await recipient(service)
    const muted = await recipient(service)
    const current = await savePreferences(service.db, off.userId, {
      muted: false,
      quietHours: null,
      kinds: defaultKinds,
    })
    await savePreferences(service.db, off.userId, {
      ...current,
      kinds: { ...current.kinds, project_invitation: { inApp: true, email: false } },
    })
    await savePreferences(service.db, muted.userId, { ...current, muted: true })
    await deliverEvents(service, [invitation(off.userId), invitation(muted.userId)])

    const { id } = await notificationOf(service, off.userId)
    expect(await deliveryOf(service, id)).toBeUndefined()
    expect(await jobOf(service, id)).toBeUndefined()
    // Muted: no notification at all, so no e-mail either.
    const mutedRows = await service.db
      .selectFrom('notifications')
      .where('user_id', '=', muted.userId)
      .selectAll()
      .execute()
    expect(mutedRows).toEqual([])
  })

  it('waits a few attempts for an address that comes after the notification, then gives up', async () => {
    const late = newUser()
    const never = newUser()
    const email = address()
    await deliverEvents(service, [invitation(late), invitation(never)])
    const lateId = (await notificationOf(service, late)).id
    const neverId = (await notificationOf(service, never)).id
    await expect.poll(async () => (await jobOf(service, lateId))?.last_error).toMatch(/address is not known yet/)

    // The registration's event arrives after the invitation's (another topic): the retry sends it.
    await deliverEvents(service, [registered(late, email)])
    await runNow(service, lateId)
    await waitForMail({ to: email })
    await expect.poll(async () => (await deliveryOf(service, lateId))?.state).toBe('sent')

    // An address that never comes: cancelled at the third attempt.
    // graphile-worker counts an attempt when it takes the job and records its error when it lets go:
    // the job is made due again only once that attempt has failed and released it (else the failure's
    // backoff would overwrite the `run_at` set here).
    for (const attempts of [1, 2]) {
      await expect
        .poll(async () => {
          const job = await jobOf(service, neverId)
          return job?.attempts === attempts && job.locked_at === null && job.last_error !== null
        })
        .toBe(true)
      await runNow(service, neverId)
    }
    await expect.poll(async () => (await deliveryOf(service, neverId))?.state).toBe('cancelled')
    await expect.poll(async () => jobOf(service, neverId)).toBeUndefined()
  })

  it('holds the e-mail during quiet hours until they end, and drops a kind that expires', async () => {
    const { userId, email } = await recipient(service)
    const now = Date.now()
    const quietHours = { start: hhmm(new Date(now - 60 * 60_000)), end: hhmm(new Date(now + 60 * 60_000)) }
    const current = await savePreferences(service.db, userId, {
      muted: false,
      quietHours,
      kinds: {
        ...defaultKinds,
        daily_goal_reached: { inApp: true, email: true },
      },
    })
    expect(current.quietHours).toEqual(quietHours)
    const localDate = new Date(now).toISOString().slice(0, 10)
    await deliverEvents(service, [
      invitation(userId),
      consumed('focus.daily_goal.achieved', userId, { localDate, goalMinutes: 60, focusedMinutes: 75 }),
    ])
    const rows = await service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute()
    const invite = rows.find((row) => row.kind === 'project_invitation')
    const goal = rows.find((row) => row.kind === 'daily_goal_reached')
    if (!invite || !goal) throw new Error('both notifications are in the inbox')

    // The in-app notifications exist; the goal's e-mail is dropped, the invitation's held until the end.
    expect(await deliveryOf(service, goal.id)).toBeUndefined()
    expect(await deliveryOf(service, invite.id)).toMatchObject({ state: 'pending', attempts: 0 })
    const job = await jobOf(service, invite.id)
    const end = new Date(now + 60 * 60_000)
    end.setUTCSeconds(0, 0)
    expect(job.run_at.getTime()).toBe(end.getTime())

    await runNow(service, invite.id)
    const mail = await waitForMail({ to: email })
    expect(mail.headers['x-focushub-idempotency-key']).toBe(`${invite.id}:email`)
    await expect.poll(async () => (await deliveryOf(service, invite.id))?.state).toBe('sent')
  })

  it('sends nothing to an account suspended before the e-mail’s time came', async () => {
    const { userId, email } = await recipient(service)
    const now = Date.now()
    await savePreferences(service.db, userId, {
      muted: false,
      quietHours: { start: hhmm(new Date(now - 60 * 60_000)), end: hhmm(new Date(now + 60 * 60_000)) },
      kinds: defaultKinds,
    })
    await deliverEvents(service, [invitation(userId)])
    const { id } = await notificationOf(service, userId)
    await deliverEvents(service, [
      consumed('auth.user.status_changed', userId, {
        status: 'suspended',
        previousStatus: 'active',
        reason: 'test',
        changedBy: randomUUID(),
      }),
    ])
    await runNow(service, id)
    await expect.poll(async () => (await deliveryOf(service, id))?.state).toBe('cancelled')
    expect(await findMail({ to: email })).toEqual([])
  })
})

describe('e-mail delivery while the relay is down', () => {
  let service: TestService
  let relay: Server | undefined
  let port: number

  beforeAll(async () => {
    // A port nothing listens on yet: the relay is down until the test starts a proxy there to the catcher.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    port = (probe.address() as { port: number }).port
    await new Promise((resolve) => probe.close(resolve))
    service = await startNotificationService({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_TIMEOUT_MS: '1000',
      JOB_POLL_INTERVAL_MS: '200',
    })
  })
  afterAll(async () => {
    await service.close()
    if (relay) await new Promise((resolve) => relay?.close(resolve))
  })

  it('retries with backoff and sends once when the relay is back', async () => {
    const { userId, email } = await recipient(service)
    await deliverEvents(service, [invitation(userId)])
    const { id } = await notificationOf(service, userId)

    // The delivery row is written before graphile-worker records the job's failure: wait for the job's.
    await expect.poll(async () => (await jobOf(service, id))?.last_error, { timeout: 10_000 }).toMatch(/ECONNREFUSED/)
    expect(await deliveryOf(service, id)).toMatchObject({ state: 'pending', attempts: 1 })
    expect((await deliveryOf(service, id))?.last_error).toMatch(/ECONNREFUSED/)
    const failed = await jobOf(service, id)
    expect(failed.run_at.getTime()).toBeGreaterThan(failed.updated_at.getTime())

    relay = createServer((socket) => {
      const upstream = createConnection(1025, '127.0.0.1')
      socket.pipe(upstream).pipe(socket)
      const end = () => {
        socket.destroy()
        upstream.destroy()
      }
      socket.on('error', end)
      upstream.on('error', end)
    })
    await new Promise<void>((resolve) => relay?.listen(port, '127.0.0.1', resolve))
    await runNow(service, id)

    const mail = await waitForMail({ to: email })
    expect(mail.headers['x-focushub-idempotency-key']).toBe(`${id}:email`)
    await expect.poll(async () => (await deliveryOf(service, id))?.state).toBe('sent')
    expect(await deliveryOf(service, id)).toMatchObject({ attempts: 2 })
    // The job is done: nothing left to send it again.
    await expect.poll(async () => jobOf(service, id)).toBeUndefined()
    expect(await findMail({ to: email })).toHaveLength(1)
  })
})

describe('an attempt that died while sending', () => {
  let service: TestService
  const mailer = () =>
    createMailer({
      smtpUrl: service.config.SMTP_URL,
      from: service.config.MAIL_FROM,
      poolMaxConnections: 1,
      timeoutMs: 5_000,
    })

  beforeAll(async () => {
    // No worker: the test plays the job itself.
    service = await startNotificationService({ JOB_WORKER_ENABLED: 'false' })
  })
  afterAll(() => service.close())

  it('is not sent again blindly: the delivery becomes unknown', async () => {
    const { userId, email } = await recipient(service)
    await deliverEvents(service, [invitation(userId)])
    const { id } = await notificationOf(service, userId)
    expect(await jobOf(service, id)).toBeDefined()
    // What a worker killed between its claim and the relay's answer leaves behind.
    await service.db
      .updateTable('deliveries')
      .set({ state: 'sending', attempts: 1 })
      .where('notification_id', '=', id)
      .execute()

    const sender = mailer()
    const tokens = unsubscribeTokens({ secret: service.config.UNSUBSCRIBE_SECRET, ttlSeconds: 3600 })
    const ctx = {
      ...service.ctx,
      emails: notificationEmails({ mailer: sender, tokens, publicBaseUrl: 'http://localhost' }),
    }
    try {
      expect(await sendEmail(ctx, id, { number: 2, of: 25 })).toBe('unknown')
      expect(await deliveryOf(service, id)).toMatchObject({ state: 'unknown', attempts: 1 })
      // Another attempt (the job retried) leaves it so.
      expect(await sendEmail(ctx, id, { number: 3, of: 25 })).toBe('unknown')
    } finally {
      sender.close()
    }
    expect(await findMail({ to: email })).toEqual([])
    await clearMail(email)
  })
})
