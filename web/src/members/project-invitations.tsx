import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { roleNames } from './member-name.ts'
import { type InvitedRole, useInvite, useProjectInvitations, useRevokeInvitation } from './members-queries.ts'

const date = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

/** The owner's side of invitations: invite by e-mail with a role, and the open ones, each revocable. */
export function ProjectInvitations({ projectId }: { projectId: string }) {
  const invitations = useProjectInvitations(projectId)
  const revoke = useRevokeInvitation(projectId)
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <InviteForm projectId={projectId} />
      <FormMessage message={formMessage(revoke.error ?? invitations.error)} />
      {invitations.data?.length === 0 && <p className="muted">No open invitations.</p>}
      <ul className="member-list">
        {invitations.data?.map((invitation) => {
          const invitee = invitation.email ?? 'a FocusHub user'
          return (
            <li key={invitation.id} className="member">
              <span className="member-name">{invitee}</span>
              <span className="muted since">{`${roleNames[invitation.role]}, until ${date(invitation.expiresAt)}`}</span>
              <span className="member-actions">
                <button
                  type="button"
                  aria-label={`Revoke the invitation to ${invitee}`}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(invitation.id)}
                >
                  Revoke
                </button>
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function InviteForm({ projectId }: { projectId: string }) {
  const invite = useInvite(projectId)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<InvitedRole>('editor')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail('') })
  }
  return (
    <form className="invite" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(invite.error)} />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldMessage(invite.error, 'email')}
      />
      <Field label="Role" error={fieldMessage(invite.error, 'role')}>
        {(control) => (
          <select {...control} value={role} onChange={(event) => setRole(event.target.value as InvitedRole)}>
            <option value="editor">{roleNames.editor}</option>
            <option value="viewer">{roleNames.viewer}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="primary" disabled={invite.isPending}>
        Invite
      </button>
      <p className="muted hint" role="status">
        {invite.isSuccess
          ? `Invited ${invite.data.email}: with a FocusHub account, they see it and join once they accept.`
          : ''}
      </p>
    </form>
  )
}
