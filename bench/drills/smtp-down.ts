// The mail relay (the stack's mail catcher) stopped for 60 s while notifications worth an
// e-mail are produced (project invitations) → after it is back every e-mail arrives, once: none lost
// (the send-email jobs retry with backoff), none twice (each delivery is claimed before it is sent).
import { randomInt } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { findMail } from '@focushub/shared/testing'
import { type Drill, seconds } from './drill.ts'
import { stopThenUp } from './faults.ts'
import { type Stack, waitFor } from './stack.ts'
import { api } from './traffic.ts'

const invitees = Array.from({ length: 4 }, (_, i) => `smtp-drill-${i + 1}@drills.example.com`)

/** Registers the invitees at auth-service the first time (as the gateway would forward it, each from an address of its own). */
async function registerInvitees(stack: Stack) {
  for (const [i, email] of invitees.entries()) {
    const response = await fetch(`${stack.env.AUTH_SERVICE_URL}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.${randomInt(256)}.${randomInt(256)}` },
      body: JSON.stringify({
        email,
        password: 'drill password 1234',
        displayName: `SMTP drill ${i + 1}`,
        timezone: 'UTC',
      }),
    })
    if (response.status !== 201 && response.status !== 409) throw new Error(`register ${email}: ${response.status}`)
  }
}

const known = async (stack: Stack) => {
  const [row] = await stack.serviceSql<{ n: number }>(
    'NOTIFICATION_DATABASE_URL',
    'select count(*)::int n from email_recipients where address = any($1)',
    [invitees],
  )
  return row.n === invitees.length
}

/** Invites every invitee to a new project of `owner`, every `everyMs`, for `forSeconds`. */
async function invite(publicUrl: string, owner: string, forSeconds: number, everyMs: number) {
  const failures: string[] = []
  let invitations = 0
  const until = performance.now() + forSeconds * 1000
  for (let round = 0; performance.now() < until; round++) {
    const project = await api(`${publicUrl}/api/v1/projects`, 'POST', { name: `SMTP drill ${round}` }, owner)
    if (project.status !== 201) failures.push(`POST /projects: ${project.status}`)
    else
      for (const email of invitees) {
        const path = `${publicUrl}/api/v1/projects/${project.body.id}/invitations`
        const answer = await api(path, 'POST', { email, role: 'viewer' }, owner)
        if (answer.status === 202) invitations++
        else failures.push(`POST invitations: ${answer.status}`)
      }
    await sleep(everyMs)
  }
  return { invitations, failures }
}

/** The drill's notifications (created since it began) and their e-mail deliveries' states. */
async function deliveries(stack: Stack, since: Date) {
  return stack.serviceSql<{ id: string; state: string | null }>(
    'NOTIFICATION_DATABASE_URL',
    `select n.id, d.state from notifications n
       join email_recipients r on r.user_id = n.user_id
       left join deliveries d on d.notification_id = n.id and d.channel = 'email'
     where r.address = any($1) and n.kind = 'project_invitation' and n.created_at >= $2`,
    [invitees, since],
  )
}

/** Messages caught per idempotency key (`<notification id>:email`), each message counted once. */
async function caught(env: NodeJS.ProcessEnv, seen: Map<string, string>) {
  for (const to of invitees) {
    for (const mail of await findMail({ to }, env)) {
      const key = mail.headers['x-focushub-idempotency-key']
      if (key) seen.set(mail.id, key)
    }
  }
  const perKey = new Map<string, number>()
  for (const key of seen.values()) perKey.set(key, (perKey.get(key) ?? 0) + 1)
  return perKey
}

export const smtpDown: Drill = {
  name: 'smtp-down',
  summary: 'the mail relay stopped while e-mails are due: each arrives once it is back, none twice',
  async run({ stack, writers, log }) {
    const downSeconds = seconds('DRILL_SMTP_DOWN_SECONDS', 60)
    const env = { ...process.env, MAIL_CATCHER_URL: `http://127.0.0.1:${stack.env.MAIL_CATCHER_WEB_PORT}` }
    const since = new Date(Date.now() - 1000)
    await registerInvitees(stack)
    if ((await waitFor(() => known(stack), 30)) === undefined) {
      return { pass: false, figures: ['notification-service does not know the invitees’ addresses (auth events)'] }
    }
    const owner = writers[0].token
    const messages = new Map<string, string>()
    const before = await invite(stack.publicUrl, owner, 5, 1000)
    await waitFor(async () => (await deliveries(stack, since)).every((row) => row.state === 'sent'), 30)
    await caught(env, messages)

    log(`taking the mail catcher away for ${downSeconds} s`)
    const outage = await stopThenUp.make(stack, 'mail-catcher', log)
    const during = await invite(stack.publicUrl, owner, downSeconds, 2000)
    const states = await deliveries(stack, since)
    const waiting = states.filter((row) => row.state === 'pending').length
    log(`${waiting} e-mails waiting`)
    const back = await outage.heal()

    const drainSeconds = seconds('DRILL_DRAIN_SECONDS', 300)
    let last = states
    const drained = await waitFor(
      async () => {
        last = await deliveries(stack, since)
        return last.every((row) => row.state !== 'pending' && row.state !== 'sending')
      },
      drainSeconds,
      1000,
    )
    const perKey = await caught(env, messages)
    const ids = last.map((row) => row.id)
    const lost = ids.filter((id) => !perKey.has(`${id}:email`)).length
    const twice = ids.filter((id) => (perKey.get(`${id}:email`) ?? 0) > 1).length
    const byState = Object.entries(
      last.reduce<Record<string, number>>((counts, row) => {
        counts[row.state ?? 'none'] = (counts[row.state ?? 'none'] ?? 0) + 1
        return counts
      }, {}),
    )
      .map(([state, n]) => `${n} ${state}`)
      .join(', ')
    const failures = [...before.failures, ...during.failures]
    return {
      pass: drained !== undefined && lost === 0 && twice === 0 && failures.length === 0,
      figures: [
        drained === undefined
          ? `not delivered within ${drainSeconds} s of the catcher being up again`
          : `every e-mail delivered ${drained.toFixed(1)} s after the catcher was up again (${back}): ${lost} lost, ${twice} twice`,
        `catcher down ${downSeconds} s; ${before.invitations} invitations before, ${during.invitations} while it was down; ${failures.length} writes failed`,
        ...failures.slice(0, 5).map((failure) => `  ${failure}`),
        `notifications: ${ids.length}; e-mails waiting when the catcher came back: ${waiting}; deliveries now: ${byState}`,
        `caught: ${[...perKey.values()].reduce((a, b) => a + b, 0)} messages for ${perKey.size} idempotency keys`,
      ],
    }
  },
}
