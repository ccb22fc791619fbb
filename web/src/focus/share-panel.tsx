import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { useCreateLink, useRevokeLink, useShares, useShareWith, useUnshare } from './sharing-queries.ts'

const day = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Who sees this session read-only: people, named by e-mail and listed by name, and public links. */
export function SharePanel({ sessionId }: { sessionId: string }) {
  const shares = useShares(sessionId)
  return (
    <>
      <section aria-labelledby="share-heading">
        <h2 id="share-heading">Shared with</h2>
        <FormMessage message={formMessage(shares.error)} />
        <ShareForm sessionId={sessionId} />
        {shares.data?.recipients.length === 0 && <p className="muted">Not shared with anyone.</p>}
        <Recipients sessionId={sessionId} recipients={shares.data?.recipients ?? []} />
      </section>
      <PublicLinks sessionId={sessionId} links={shares.data?.links ?? []} />
    </>
  )
}

function ShareForm({ sessionId }: { sessionId: string }) {
  const share = useShareWith(sessionId)
  const [email, setEmail] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    share.mutate(email.trim(), { onSuccess: () => setEmail('') })
  }
  return (
    <form className="share-form" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(share.error)} />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldMessage(share.error, 'emails/0') ?? fieldMessage(share.error, 'emails')}
      />
      <button type="submit" disabled={share.isPending}>
        Share
      </button>
      <p className="muted hint">The e-mail they sign in to FocusHub with.</p>
    </form>
  )
}

type Recipient = NonNullable<ReturnType<typeof useShares>['data']>['recipients'][number]

function Recipients({ sessionId, recipients }: { sessionId: string; recipients: Recipient[] }) {
  const unshare = useUnshare(sessionId)
  return (
    <>
      <FormMessage message={formMessage(unshare.error)} />
      <ul className="share-list">
        {recipients.map(({ userId, displayName }) => (
          <li key={userId}>
            <span>{personName(displayName, userId, 'Someone')}</span>
            <button
              type="button"
              className="quiet"
              aria-label={`Stop sharing with ${personName(displayName, userId, 'someone')}`}
              disabled={unshare.isPending}
              onClick={() => unshare.mutate(userId)}
            >
              Stop sharing
            </button>
          </li>
        ))}
      </ul>
    </>
  )
}

type Link = NonNullable<ReturnType<typeof useShares>['data']>['links'][number]

const linkState = (link: Link) =>
  link.revokedAt
    ? `Revoked ${day(link.revokedAt)}`
    : `${Date.parse(link.expiresAt) > Date.now() ? 'Expires' : 'Expired'} ${day(link.expiresAt)}`

function PublicLinks({ sessionId, links }: { sessionId: string; links: Link[] }) {
  const create = useCreateLink(sessionId)
  const revoke = useRevokeLink(sessionId)
  const created = create.data && `${window.location.origin}/shared/${create.data.token}`
  return (
    <section aria-labelledby="links-heading" className="share-links">
      <h2 id="links-heading">Public links</h2>
      <p className="muted hint">
        Anyone with a link sees this session's times and status, not its note, until it expires or you revoke it.
      </p>
      <FormMessage message={formMessage(create.error ?? revoke.error)} />
      <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
        Create public link
      </button>
      {created && (
        <TextField
          label="New public link (shown only once: copy it now)"
          readOnly
          value={created}
          onFocus={(event) => event.target.select()}
        />
      )}
      <ul className="share-list">
        {links.map((link) => (
          <li key={link.id}>
            <span>{linkState(link)}</span>
            {!link.revokedAt && Date.parse(link.expiresAt) > Date.now() && (
              <button
                type="button"
                className="quiet"
                aria-label={`Revoke the link created ${day(link.createdAt)}`}
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(link.id)}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
