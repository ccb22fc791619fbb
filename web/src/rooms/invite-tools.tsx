import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { useCreateInviteLink, useInviteByEmail, useInviteLinks, useRevokeInviteLink } from './host-queries.ts'
import type { InviteLink } from './room-queries.ts'

const day = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** An invite link as people open it: the token in the fragment, which no server's log records. */
export const inviteUrl = (token: string) => `${window.location.origin}/rooms/join#${token}`

const linkStates: Record<InviteLink['status'], string> = { active: 'Expires', revoked: 'Revoked', expired: 'Expired' }

export function InviteLinks({ roomId }: { roomId: string }) {
  const links = useInviteLinks(roomId)
  const create = useCreateInviteLink(roomId)
  const revoke = useRevokeInviteLink(roomId)
  const [copied, setCopied] = useState(false)
  const created = create.data && inviteUrl(create.data.token)
  const copy = async () => {
    if (!created) return
    await navigator.clipboard.writeText(created)
    setCopied(true)
  }
  return (
    <section aria-labelledby="invite-links-heading" className="host-section">
      <h2 id="invite-links-heading">Invite links</h2>
      <p className="muted hint">Anyone with a link can join until it expires (in a week) or you revoke it.</p>
      <FormMessage message={formMessage(create.error ?? revoke.error ?? links.error)} />
      <button
        type="button"
        onClick={() => create.mutate(undefined, { onSuccess: () => setCopied(false) })}
        disabled={create.isPending}
      >
        Create invite link
      </button>
      {created && (
        <div className="new-link">
          <TextField
            label="New invite link (shown only once: copy it now)"
            readOnly
            value={created}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" onClick={() => void copy()}>
            Copy link
          </button>
          <p className="muted" role="status">
            {copied ? 'Copied.' : ''}
          </p>
        </div>
      )}
      <ul className="link-list" aria-label="Invite links">
        {links.data?.map((link) => (
          <li key={link.id}>
            <span>{`${linkStates[link.status]} ${day(link.revokedAt ?? link.expiresAt)}`}</span>
            {link.status === 'active' && (
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

export function InviteByEmail({ roomId }: { roomId: string }) {
  const invite = useInviteByEmail(roomId)
  const [email, setEmail] = useState('')
  const [invited, setInvited] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const address = email.trim()
    invite.mutate(address, {
      onSuccess: () => {
        setInvited(address)
        setEmail('')
      },
    })
  }
  return (
    <section aria-labelledby="invite-email-heading" className="host-section">
      <h2 id="invite-email-heading">Invite by e-mail</h2>
      <form className="invite-form" onSubmit={submit} noValidate>
        <FormMessage message={formMessage(invite.error)} />
        <TextField
          label="E-mail"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldMessage(invite.error, 'emails/0') ?? fieldMessage(invite.error, 'emails')}
        />
        <button type="submit" disabled={invite.isPending}>
          Invite
        </button>
        <p className="muted" role="status">
          {invited && !invite.isError ? `Invited ${invited}: the room is in their Rooms.` : ''}
        </p>
      </form>
    </section>
  )
}
