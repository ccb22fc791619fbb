import { randomUUID } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import { loadConfig } from '@focushub/shared/config'
import { clearMail, closedAddress, findMail, waitForMail, waitForMails } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailConfig } from '../../src/modules/email/email.config.ts'
import { createMailer, MailDeliveryError, type Mailer } from '../../src/modules/email/email.mailer.ts'
import { type EmailNotification, notificationEmails } from '../../src/modules/email/email.service.ts'
import { unsubscribeTokens } from '../../src/modules/email/unsubscribe-token.ts'

// The stack's mail catcher (./focushub up): SMTP_URL and MAIL_CATCHER_URL of .env.example.
const config = loadConfig(emailConfig, process.env)
const tokens = unsubscribeTokens({ secret: config.UNSUBSCRIBE_SECRET, ttlSeconds: 86_400 })
const mailerOptions = {
  smtpUrl: config.SMTP_URL,
  from: config.MAIL_FROM,
  poolMaxConnections: 2,
  timeoutMs: 5_000,
}

const recipient = (name: string) => ({ name, address: `${randomUUID()}@example.test` })

const notification = (overrides: Partial<EmailNotification> = {}): EmailNotification => ({
  id: randomUUID(),
  userId: randomUUID(),
  kind: 'daily_goal_reached',
  title: 'You reached your daily focus goal',
  body: 'You focused 120 minutes today.\n\nKeep it up tomorrow.',
  openPath: '/focus',
  ...overrides,
})

/** A server on loopback that runs `talk` with each connection: a relay that misbehaves on purpose. */
async function fakeRelay(talk: (socket: Socket) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(talk)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `smtp://127.0.0.1:${port}`, server }
}

describe('e-mail through the mail catcher', () => {
  let mailer: Mailer

  beforeAll(() => {
    mailer = createMailer(mailerOptions)
  })

  afterAll(() => mailer.close())

  it('delivers a notification in plain text and HTML, user text escaped, with one-click unsubscribe', async () => {
    const emails = notificationEmails({ mailer, tokens, publicBaseUrl: config.PUBLIC_BASE_URL })
    const hostileName = `<script>alert("hi")</script> Eve & "Co"`
    const to = recipient(hostileName)
    const told = notification({ body: 'You focused <b>120</b> minutes today.' })
    await emails.send(told, to)

    const mail = await waitForMail({ to: to.address, subject: told.title })
    expect(mail.to).toEqual([{ address: to.address, name: hostileName }])
    expect(mail.from).toEqual([{ address: 'no-reply@focushub.localhost', name: 'FocusHub' }])
    expect(mail.text).toContain(`Hi ${hostileName},`)
    expect(mail.text).toContain('You focused <b>120</b> minutes today.')
    expect(mail.html).not.toMatch(/<script|<b>/)
    expect(mail.html).toContain('Hi &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; Eve &amp; &quot;Co&quot;,')
    expect(mail.html).toContain('You focused &lt;b&gt;120&lt;/b&gt; minutes today.')
    expect(mail.html).toContain(`href="${config.PUBLIC_BASE_URL}/focus"`)

    const link = mail.headers['list-unsubscribe'].match(/^<(.+)>$/)?.[1] ?? ''
    const url = new URL(link)
    expect(`${url.origin}${url.pathname}`).toBe(`${config.PUBLIC_BASE_URL}/api/v1/notifications/unsubscribe`)
    expect(await tokens.verify(url.searchParams.get('token') ?? '')).toEqual({
      valid: true,
      userId: told.userId,
      kind: 'daily_goal_reached',
    })
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    expect(mail.text).toContain(`Unsubscribe from them: ${link}`)
    expect(mail.html).toContain(`href="${link}"`)
    expect(mail.headers['auto-submitted']).toBe('auto-generated')
  })

  it('sends every attempt at one notification as the same message: same Message-ID and idempotency key', async () => {
    const emails = notificationEmails({ mailer, tokens, publicBaseUrl: config.PUBLIC_BASE_URL })
    const to = recipient('Ann')
    const told = notification()
    const first = await emails.send(told, to)
    const again = await emails.send(told, to)
    expect(again.messageId).toBe(first.messageId)

    const mails = await waitForMails({ to: to.address, count: 2 })
    const identities = mails.map((mail) => [mail.headers['message-id'], mail.headers['x-focushub-idempotency-key']])
    expect(identities).toEqual([
      [`<${told.id}.email@focushub.localhost>`, `${told.id}:email`],
      [`<${told.id}.email@focushub.localhost>`, `${told.id}:email`],
    ])
  })

  it('clears a recipient’s caught mail (the tests’ helper)', async () => {
    const to = recipient('Bo')
    await notificationEmails({ mailer, tokens, publicBaseUrl: config.PUBLIC_BASE_URL }).send(notification(), to)
    await waitForMail({ to: to.address })
    await clearMail(to.address)
    expect(await findMail({ to: to.address })).toEqual([])
  })
})

describe('a relay that does not take the message', () => {
  const message = {
    to: { address: 'nobody@example.test' },
    subject: 'Hello',
    text: 'Hello',
    html: '<p>Hello</p>',
    messageId: '<test@focushub.localhost>',
    headers: {},
  }

  async function failureOf(mailer: Mailer) {
    try {
      await mailer.send(message)
    } catch (error) {
      return error
    } finally {
      mailer.close()
    }
    throw new Error('the message was sent')
  }

  it('fails at once, retryable and naming the relay, when nothing listens on its port', async () => {
    const started = Date.now()
    const error = await failureOf(createMailer({ ...mailerOptions, smtpUrl: `smtp://${closedAddress}` }))
    expect(error).toBeInstanceOf(MailDeliveryError)
    expect(error).toMatchObject({ retryable: true, code: 'ESOCKET' })
    expect((error as Error).message).toMatch(/^mail not delivered to smtp:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/)
    expect(Date.now() - started).toBeLessThan(mailerOptions.timeoutMs)
  })

  it('fails verify() (a readiness check) while the relay is down; the running catcher passes it', async () => {
    const down = createMailer({ ...mailerOptions, smtpUrl: `smtp://${closedAddress}` })
    const up = createMailer(mailerOptions)
    try {
      await expect(down.verify()).rejects.toMatchObject({ name: 'MailDeliveryError', retryable: true })
      await expect(up.verify()).resolves.toBeUndefined()
    } finally {
      down.close()
      up.close()
    }
  })

  it('fails within the timeout, retryable, when the relay accepts the connection and says nothing', async () => {
    const silent = await fakeRelay(() => {})
    try {
      const error = await failureOf(createMailer({ ...mailerOptions, smtpUrl: silent.url, timeoutMs: 300 }))
      expect(error).toMatchObject({ name: 'MailDeliveryError', retryable: true, code: 'ETIMEDOUT' })
    } finally {
      silent.server.close()
    }
  })

  it('fails for good when the relay refuses the recipient with a permanent reply, and names it, credentials left out', async () => {
    const refusing = await fakeRelay((socket) => {
      socket.write('220 relay.test ESMTP\r\n')
      socket.on('data', (data) => {
        const command = data.toString().slice(0, 4).toUpperCase()
        if (command === 'AUTH') socket.write('235 2.7.0 Authenticated\r\n')
        else if (command === 'RCPT') socket.write('550 5.1.1 No such user\r\n')
        else if (command === 'QUIT') socket.end('221 Bye\r\n')
        else socket.write('250 OK\r\n')
      })
    })
    try {
      const withCredentials = refusing.url.replace('smtp://', 'smtp://user:hunter2hunter2@')
      const error = await failureOf(createMailer({ ...mailerOptions, smtpUrl: withCredentials }))
      expect(error).toMatchObject({ name: 'MailDeliveryError', retryable: false, responseCode: 550 })
      expect((error as Error).message).toContain('No such user')
      expect((error as Error).message).not.toContain('hunter2')
    } finally {
      refusing.server.close()
    }
  })
})
