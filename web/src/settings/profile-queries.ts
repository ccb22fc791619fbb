// The signed-in user's profile (auth-service's /auth/me) through TanStack Query. A save answers the
// new profile: the session's user (the header, Today's local day) takes it, and the task lists,
// whose overdue and due-today days the API counts in the user's timezone and day start, read again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useLocation } from 'wouter'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'
import { signedOutByServer, updateUser } from '../api/session.ts'

export type Profile = paths['/api/v1/auth/me']['get']['responses'][200]['content']['application/json']
export type ProfileChange = paths['/api/v1/auth/me']['patch']['requestBody']['content']['application/json']

const profileKey = ['profile'] as const

export function useProfile() {
  return useQuery({
    queryKey: profileKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
  })
}

/** True for the refusal of a stale `version`: the profile changed since this tab read it. */
export const isStale = (error: unknown) => error instanceof ProblemError && error.problem.status === 412

export function useSaveProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (change: ProfileChange) => unwrap(await api.PATCH('/api/v1/auth/me', { body: change })),
    onSuccess: (profile) => {
      queryClient.setQueryData(profileKey, profile)
      updateUser(profile)
      return queryClient.invalidateQueries({ queryKey: ['tasks'] })
    },
    // Changed elsewhere: read it again, so the form shows what is saved now.
    onError: (error) => (isStale(error) ? queryClient.invalidateQueries({ queryKey: profileKey }) : undefined),
  })
}

/** True when the password given to confirm was not the account's (auth-service's `wrong-password`). */
export const isWrongPassword = (error: unknown) =>
  error instanceof ProblemError && error.problem.code === 'wrong-password'

/**
 * Deletes the account (confirmed with its password): auth-service deactivates it and erases its
 * personal data. The tab then signs out and shows the sign-in screen with a notice saying so.
 */
export function useDeleteAccount() {
  const [, navigate] = useLocation()
  return useMutation({
    mutationFn: async (password: string) => unwrap(await api.DELETE('/api/v1/auth/me', { body: { password } })),
    // Both in one tick, so the signed-out screens render once, already on the notice's path.
    onSuccess: () => {
      navigate('/account-deleted', { replace: true })
      signedOutByServer()
    },
  })
}
