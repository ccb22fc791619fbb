// A project's members and invitations (task-service's /projects/{id}/members and /invitations), and
// the signed-in user's own pending invitations, through TanStack Query. Every write reads the lists
// it changes again, refused or not. A project's lists are keyed under ['projects', id], so the live
// updates' `project.*` events (a member joining, say) read them again as they read the projects.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import type { Project } from '../tasks/task-queries.ts'

type Members = paths['/api/v1/projects/{projectId}/members']['get']['responses'][200]['content']['application/json']
type Pending = paths['/api/v1/invitations']['get']['responses'][200]['content']['application/json']
export type Member = Members['items'][number]
export type PendingInvitation = Pending['items'][number]
export type Invitee =
  paths['/api/v1/projects/{projectId}/invitations']['post']['requestBody']['content']['application/json']
export type InvitedRole = Invitee['role']

/** A project's lists are few (members, at most 50 open invitations): one page of 200 holds them. */
const onePage = { limit: 200 }
const projectsKey = ['projects'] as const
const membersKey = (projectId: string) => [...projectsKey, projectId, 'members'] as const
const projectInvitationsKey = (projectId: string) => [...projectsKey, projectId, 'invitations'] as const
const pendingKey = ['invitations'] as const

export function useProject(projectId: string) {
  return useQuery({
    queryKey: [...projectsKey, projectId, 'project'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects/{projectId}', { params: { path: { projectId } } })) as Project,
  })
}

export function useMembers(projectId: string) {
  return useQuery({
    queryKey: membersKey(projectId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects/{projectId}/members', { params: { path: { projectId }, query: onePage } }))
        .items,
  })
}

/** The project's open invitations (its owner's to read: others get 403). */
export function useProjectInvitations(projectId: string) {
  return useQuery({
    queryKey: projectInvitationsKey(projectId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/projects/{projectId}/invitations', {
          params: { path: { projectId }, query: onePage },
        }),
      ).items,
  })
}

function useProjectWrite<Input, Output>(
  write: (input: Input) => Promise<Output>,
  keys: readonly (readonly string[])[],
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSettled: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
}

export function useChangeRole(projectId: string) {
  return useProjectWrite(
    async ({ userId, role }: { userId: string; role: InvitedRole }) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{projectId}/members/{userId}', {
          params: { path: { projectId, userId } },
          body: { role },
        }),
      ),
    [membersKey(projectId)],
  )
}

/** Removes a member (the owner), or the caller themself (leaving the project, any member). */
export function useRemoveMember(projectId: string) {
  return useProjectWrite(
    async (userId: string) =>
      unwrap(
        await api.DELETE('/api/v1/projects/{projectId}/members/{userId}', { params: { path: { projectId, userId } } }),
      ),
    [projectsKey],
  )
}

export function useInvite(projectId: string) {
  return useProjectWrite(
    async (invitee: Invitee) =>
      unwrap(
        await api.POST('/api/v1/projects/{projectId}/invitations', { params: { path: { projectId } }, body: invitee }),
      ),
    [projectInvitationsKey(projectId)],
  )
}

export function useRevokeInvitation(projectId: string) {
  return useProjectWrite(
    async (invitationId: string) =>
      unwrap(
        await api.DELETE('/api/v1/projects/{projectId}/invitations/{invitationId}', {
          params: { path: { projectId, invitationId } },
        }),
      ),
    [projectInvitationsKey(projectId)],
  )
}

/** Invitations waiting for the signed-in user's answer (a new one arrives by the live updates' `project.invitation_received`). */
export function usePendingInvitations() {
  return useQuery({
    queryKey: pendingKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/invitations', { params: { query: onePage } })).items,
  })
}

export function useAnswerInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ invitation, accept }: { invitation: PendingInvitation; accept: boolean }) => {
      const params = { path: { invitationId: invitation.id } }
      if (accept) unwrap(await api.POST('/api/v1/invitations/{invitationId}/accept', { params }))
      else unwrap(await api.POST('/api/v1/invitations/{invitationId}/decline', { params }))
      return { invitation, accept }
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pendingKey }),
        queryClient.invalidateQueries({ queryKey: projectsKey }),
      ]),
  })
}
