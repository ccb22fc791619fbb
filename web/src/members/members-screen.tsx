import type { ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import type { Project } from '../tasks/task-queries.ts'
import { FormMessage } from '../ui/field.tsx'
import { memberName, roleNames } from './member-name.ts'
import {
  type InvitedRole,
  type Member,
  useChangeRole,
  useMembers,
  useProject,
  useRemoveMember,
} from './members-queries.ts'
import { ProjectInvitations } from './project-invitations.tsx'
import './members.css'

/** A project's members and their roles; its owner also re-roles, removes and invites, any other member may leave. */
export function MembersScreen({ projectId, userId }: { projectId: string; userId: string }) {
  const project = useProject(projectId)
  const name = project.data?.name
  return (
    <main className="screen members">
      <p className="back">
        <Link href={`/projects/${projectId}`}>{name ? `Back to ${name}` : 'Back to the project'}</Link>
      </p>
      <h1>{name ? `Members of ${name}` : 'Members'}</h1>
      <FormMessage message={formMessage(project.error)} />
      {project.data && <MemberList project={project.data} userId={userId} />}
      {project.data?.role === 'owner' &&
        (project.data.isInbox ? (
          <p className="muted">Your Inbox is yours alone: invite people to another project.</p>
        ) : (
          <ProjectInvitations projectId={projectId} />
        ))}
    </main>
  )
}

function MemberList({ project, userId }: { project: Project; userId: string }) {
  const members = useMembers(project.id)
  const changeRole = useChangeRole(project.id)
  const remove = useRemoveMember(project.id)
  const [, navigate] = useLocation()
  const isOwner = project.role === 'owner'
  const leave = () => remove.mutate(userId, { onSuccess: () => navigate('/projects', { replace: true }) })
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <FormMessage message={formMessage(changeRole.error ?? remove.error ?? members.error)} />
      <ul className="member-list">
        {members.data?.map((member) => (
          <MemberRow key={member.userId} member={member} userId={userId}>
            {isOwner && member.role !== 'owner' ? (
              <>
                <select
                  aria-label={`Role of ${memberName(member, userId)}`}
                  value={member.role}
                  disabled={changeRole.isPending}
                  onChange={(event) =>
                    changeRole.mutate({ userId: member.userId, role: event.target.value as InvitedRole })
                  }
                >
                  <option value="editor">{roleNames.editor}</option>
                  <option value="viewer">{roleNames.viewer}</option>
                </select>
                <button
                  type="button"
                  aria-label={`Remove ${memberName(member, userId)}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(member.userId)}
                >
                  Remove
                </button>
              </>
            ) : (
              <span className="role">{roleNames[member.role]}</span>
            )}
            {!isOwner && member.userId === userId && (
              <button type="button" disabled={remove.isPending} onClick={leave}>
                Leave project
              </button>
            )}
          </MemberRow>
        ))}
      </ul>
      <p className="muted hint">Editors add and change tasks; viewers read them. The owner invites and removes.</p>
    </section>
  )
}

function MemberRow({ member, userId, children }: { member: Member; userId: string; children: ReactNode }) {
  return (
    <li className="member">
      <span className="member-name">{memberName(member, userId)}</span>
      <span className="muted since">{`since ${new Date(member.addedAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}`}</span>
      <span className="member-actions">{children}</span>
    </li>
  )
}
