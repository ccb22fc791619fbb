// Moderation (social-service's /social/reports, /social/me/standing and /social/moderation/…) through
// TanStack Query, every key under ['moderation']: where I stand, and for moderators the queue (open or
// closed cases in cursor pages), one case with its reports, and the log. A resolution reads the
// moderation keys again, and the feed and messages (a hidden post leaves them).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'
import type { Resolution } from './moderation-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type NewReport = Json<paths['/api/v1/social/reports']['post']['requestBody']>
export type ReportTarget = NewReport['target']
export type Standing = Json<paths['/api/v1/social/me/standing']['get']['responses'][200]>
export type Case = Json<paths['/api/v1/social/moderation/cases']['get']['responses'][200]>['items'][number]
export type CaseDetail = Json<paths['/api/v1/social/moderation/cases/{id}']['get']['responses'][200]>
export type LogEntry = Json<paths['/api/v1/social/moderation/log']['get']['responses'][200]>['items'][number]
export type CaseStatus = 'open' | 'closed'

export const moderationKey = ['moderation'] as const
export const standingKey = [...moderationKey, 'standing'] as const
const casesKey = (status: CaseStatus) => [...moderationKey, 'cases', status] as const
const caseKey = (id: string) => [...moderationKey, 'case', id] as const
const logKey = (subjectId: string | undefined) => [...moderationKey, 'log', subjectId ?? ''] as const

const casesPage = 20
const logPage = 50

/** A case that is not there (a wrong id): 404; a signed-in user who is no moderator: 403. */
export const isNotFound = (error: unknown) => error instanceof ProblemError && error.problem.status === 404
export const isForbidden = (error: unknown) => error instanceof ProblemError && error.problem.status === 403

/** A report of something I can see; `again` when my report of it was still open (the API's 200). */
export function useFileReport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (report: NewReport) => {
      const answer = await api.POST('/api/v1/social/reports', { body: report })
      return { report: unwrap(answer), again: answer.response.status === 200 }
    },
    // A moderator reporting from this tab sees the case in their queue.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...moderationKey, 'cases'] }),
  })
}

/** Where I stand: a suspension in force, my latest warnings and what of mine was hidden. */
export function useStanding() {
  return useQuery({
    queryKey: standingKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/social/me/standing')),
  })
}

export function useCases(status: CaseStatus) {
  return useInfiniteQuery({
    queryKey: casesKey(status),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/social/moderation/cases', {
          params: { query: { status, limit: casesPage, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: (failures, error) => !isForbidden(error) && failures < 1,
  })
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/social/moderation/cases/{id}', { params: { path: { id } } })),
    retry: (failures, error) => !isNotFound(error) && !isForbidden(error) && failures < 1,
  })
}

/** The log, newest first, of everyone or of one subject. */
export function useModerationLog(subjectId?: string) {
  return useInfiniteQuery({
    queryKey: logKey(subjectId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/social/moderation/log', {
          params: {
            query: {
              limit: logPage,
              ...(subjectId ? { subjectId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: (failures, error) => !isForbidden(error) && failures < 1,
  })
}

/** A moderator's write, after which moderation, the feed and messages are read again, refused or not. */
function useModeratorWrite<Input, Output>(
  write: (input: Input) => Promise<Output>,
  onSuccess?: (output: Output, queryClient: ReturnType<typeof useQueryClient>) => void,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSuccess: (output) => onSuccess?.(output, queryClient),
    onSettled: () =>
      Promise.all(
        [moderationKey, ['feed'], ['messages']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  })
}

/** Resolves a case; its answer shows at once (the form gives way to the resolution) until the case is read again. */
export function useResolveCase(id: string) {
  return useModeratorWrite(
    async (resolution: Resolution) =>
      unwrap(
        await api.POST('/api/v1/social/moderation/cases/{id}/resolve', { params: { path: { id } }, body: resolution }),
      ),
    (resolved, queryClient) =>
      queryClient.setQueryData<CaseDetail>(caseKey(id), (read) => (read ? { ...read, ...resolved } : read)),
  )
}

export function useLiftSuspension() {
  return useModeratorWrite(async ({ userId, reason }: { userId: string; reason: string }) =>
    unwrap(
      await api.POST('/api/v1/social/moderation/users/{userId}/lift-suspension', {
        params: { path: { userId } },
        body: { reason },
      }),
    ),
  )
}
