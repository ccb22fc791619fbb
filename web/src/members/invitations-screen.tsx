import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { roleNames } from './member-name.ts'
import { useAnswerInvitation, usePendingInvitations } from './members-queries.ts'
import './members.css'

const date = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

/** Invitations to projects waiting for the signed-in user's answer: accept (join with the role offered) or decline. */
export function InvitationsScreen() {
  const pending = usePendingInvitations()
  const answer = useAnswerInvitation()
  const answered = answer.data
  return (
    <main className="screen members">
      <h1>Invitations</h1>
      <FormMessage message={formMessage(answer.error ?? pending.error)} />
      <p className="muted" role="status">
        {answered && (answered.accept ? `You joined ${answered.invitation.projectName}.` : 'Invitation declined.')}
      </p>
      {answered?.accept && (
        <p>
          <Link href={`/projects/${answered.invitation.projectId}`}>{`Open ${answered.invitation.projectName}`}</Link>
        </p>
      )}
      {pending.data?.length === 0 && <p className="muted">No invitations are waiting for you.</p>}
      <ul className="member-list">
        {pending.data?.map((invitation) => (
          <li key={invitation.id} className="member">
            <span className="member-name">{invitation.projectName}</span>
            <span className="muted since">
              {`as ${roleNames[invitation.role].toLowerCase()}, until ${date(invitation.expiresAt)}`}
            </span>
            <span className="member-actions">
              <button
                type="button"
                className="primary"
                aria-label={`Accept the invitation to ${invitation.projectName}`}
                disabled={answer.isPending}
                onClick={() => answer.mutate({ invitation, accept: true })}
              >
                Accept
              </button>
              <button
                type="button"
                aria-label={`Decline the invitation to ${invitation.projectName}`}
                disabled={answer.isPending}
                onClick={() => answer.mutate({ invitation, accept: false })}
              >
                Decline
              </button>
            </span>
          </li>
        ))}
      </ul>
    </main>
  )
}
