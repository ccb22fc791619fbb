// The signed-in user's personal access tokens (auth-service's /auth/tokens) through TanStack Query. A new
// token's answer holds the token itself, which the API never shows again: the screen keeps it until closed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'

export type AccessToken =
  paths['/api/v1/auth/tokens']['get']['responses'][200]['content']['application/json']['items'][number]
export type NewAccessToken = paths['/api/v1/auth/tokens']['post']['requestBody']['content']['application/json']
export type Scope = NewAccessToken['scopes'][number]

const tokensKey = ['auth', 'tokens'] as const

export function useAccessTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/tokens')).items,
  })
}

export function useCreateAccessToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (token: NewAccessToken) => unwrap(await api.POST('/api/v1/auth/tokens', { body: token })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  })
}

export function useRevokeAccessToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  })
}
