import { createTransport } from 'nodemailer'
import addressparser from 'nodemailer/lib/addressparser'

export interface MailerOptions {
  /** SMTP_URL: smtp://[user:password@]host:port (STARTTLS when offered) or smtps://. */
  smtpUrl: string
  /** MAIL_FROM: the sender of every message. */
  from: string
  poolMaxConnections: number
  /** Bound of connecting, of the greeting and of a silent socket. */
  timeoutMs: number
}

export interface MailRecipient {
  address: string
  /** Display name; any text, encoded by the mailer, never trusted as markup. */
  name?: string
}

export interface MailMessage {
  to: MailRecipient
  subject: string
  text: string
  html: string
  /** `<…@…>`: the same for every attempt at one message, so a resend is recognisable. */
  messageId: string
  headers: Record<string, string>
}

/**
 * A message the relay did not take. `retryable`: the same message may go through later (the relay
 * was down or slow, or answered a transient 4xx); false when it refused it for good (a permanent 5xx
 * reply such as an unknown recipient), so retrying would be refused again.
 */
export class MailDeliveryError extends Error {
  readonly retryable: boolean
  readonly code: string | undefined
  readonly responseCode: number | undefined

  constructor(message: string, cause: { code?: string; responseCode?: number; message: string }) {
    super(message, { cause })
    this.name = 'MailDeliveryError'
    this.code = cause.code
    this.responseCode = cause.responseCode
    // RFC 5321 §4.2.1: 5yz replies refuse for good, except 503 (bad sequence: the session's state).
    this.retryable = !(cause.responseCode && cause.responseCode >= 500 && cause.responseCode !== 503)
  }
}

/** The relay's address as logs may show it: without credentials. */
const relayOf = (smtpUrl: string) => {
  const url = new URL(smtpUrl)
  return `${url.protocol}//${url.host}`
}

/** The domain of the sender's address: the right-hand side of every Message-ID this mailer makes. */
export function senderDomain(from: string): string {
  const [sender] = addressparser(from, { flatten: true })
  const domain = sender?.address.split('@')[1]
  if (!domain) throw new Error(`MAIL_FROM has no address with a domain: ${from}`)
  return domain.toLowerCase()
}

/** An SMTP mailer over a pool of connections (nodemailer): sends, checks the relay, closes. */
export function createMailer(options: MailerOptions) {
  const relay = relayOf(options.smtpUrl)
  const transport = createTransport(
    {
      url: options.smtpUrl,
      pool: true,
      maxConnections: options.poolMaxConnections,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      dnsTimeout: options.timeoutMs,
    },
    { from: options.from },
  )
  const failed = (error: unknown) => {
    const cause = error as { code?: string; responseCode?: number; message: string }
    return new MailDeliveryError(`mail not delivered to ${relay}: ${cause.message}`, cause)
  }

  return {
    domain: senderDomain(options.from),

    /** Hands `message` to the relay; rejects with MailDeliveryError, within the timeouts, when it does not take it. */
    async send(message: MailMessage): Promise<{ messageId: string; response: string }> {
      try {
        const info = await transport.sendMail({
          to: { name: message.to.name ?? '', address: message.to.address },
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
        })
        return { messageId: info.messageId, response: info.response }
      } catch (error) {
        throw failed(error)
      }
    },

    /** Whether the relay answers and accepts this sender's session (readiness). */
    async verify(): Promise<void> {
      try {
        await transport.verify()
      } catch (error) {
        throw failed(error)
      }
    },

    close() {
      transport.close()
    },
  }
}

export type Mailer = ReturnType<typeof createMailer>
