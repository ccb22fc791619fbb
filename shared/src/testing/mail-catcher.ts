/**
 * The local stack's mail catcher (MailDev, scripts/mail.sh) read through its REST API: the mail a
 * test made FocusHub send, as the recipient's mail server received it. Give each test recipients of
 * its own (a random local part) so that test files running side by side never read each other's mail.
 */

export interface MailAddress {
  address: string
  name: string
}

export interface CaughtMail {
  id: string
  subject: string
  from: MailAddress[]
  to: MailAddress[]
  text: string
  html: string
  /** The message's own header fields (not MIME parts'), names in lower case, folded lines unfolded. */
  headers: Record<string, string>
  /** The message as it came over SMTP. */
  source: string
}

export interface MailQuery {
  /** An envelope recipient, exactly as sent. */
  to: string
  /** The whole subject, or a pattern it matches. */
  subject?: string | RegExp
}

interface MailDevEmail {
  id: string
  subject?: string
  from?: MailAddress[]
  to?: MailAddress[]
  text?: string
  html?: string
}

export const mailCatcherUrl = (env: NodeJS.ProcessEnv = process.env) => env.MAIL_CATCHER_URL || 'http://127.0.0.1:1080'

async function catcher(path: string, init: RequestInit = {}, env = process.env) {
  const response = await fetch(new URL(path, mailCatcherUrl(env)), { ...init, signal: AbortSignal.timeout(5_000) })
  if (!response.ok) throw new Error(`mail catcher: ${init.method ?? 'GET'} ${path} answered ${response.status}`)
  return response
}

/** The top-level header fields of a raw message (RFC 5322 §2.2: up to the first empty line). */
export function headerFields(source: string): Record<string, string> {
  const head = source.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ')
  const fields: Record<string, string> = {}
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return fields
}

const matches = (subject: string, wanted: MailQuery['subject']) =>
  wanted === undefined || (typeof wanted === 'string' ? subject === wanted : wanted.test(subject))

async function listFor(to: string, env = process.env): Promise<MailDevEmail[]> {
  const response = await catcher(`/api/email?${new URLSearchParams({ 'envelope.to.address': to })}`, {}, env)
  return (await response.json()) as MailDevEmail[]
}

/** Every message caught for `query.to` (and subject), oldest first, read in full. */
export async function findMail(query: MailQuery, env = process.env): Promise<CaughtMail[]> {
  const found = (await listFor(query.to, env)).filter((mail) => matches(mail.subject ?? '', query.subject))
  return Promise.all(
    found.map(async (mail) => {
      const source = await (await catcher(`/api/email/${encodeURIComponent(mail.id)}/source`, {}, env)).text()
      return {
        id: mail.id,
        subject: mail.subject ?? '',
        from: mail.from ?? [],
        to: mail.to ?? [],
        text: mail.text ?? '',
        html: mail.html ?? '',
        headers: headerFields(source),
        source,
      }
    }),
  )
}

/**
 * Waits until `count` (1) messages matching `query` have arrived, and returns them oldest first;
 * polls every 100 ms and throws past `timeoutMs`, naming what it waited for.
 */
export async function waitForMails(
  query: MailQuery & { count?: number; timeoutMs?: number },
  env = process.env,
): Promise<CaughtMail[]> {
  const { count = 1, timeoutMs = 10_000 } = query
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await findMail(query, env)
    if (found.length >= count) return found
    if (Date.now() > deadline) {
      throw new Error(`no ${count} mail(s) to ${query.to} (subject ${query.subject ?? 'any'}) within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The first message matching `query`, once it has arrived (see waitForMails). */
export async function waitForMail(query: MailQuery & { timeoutMs?: number }, env = process.env) {
  const [mail] = await waitForMails({ ...query, count: 1 }, env)
  return mail
}

/** Deletes every message caught for recipient `to`. */
export async function clearMail(to: string, env = process.env): Promise<void> {
  const ids = (await listFor(to, env)).map((mail) => mail.id)
  if (ids.length === 0) return
  await catcher(
    '/api/email/delete',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids }) },
    env,
  )
}
