// The timer plan (focus-service's /focus/settings) through TanStack Query; the daily goal's queries
// are Stats' (src/stats/stats-queries.ts), which Settings shares. The plan carries no version: a save
// replaces it whole (PUT) and answers it, which becomes the cached one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'

export type TimerPlan = paths['/api/v1/focus/settings']['get']['responses'][200]['content']['application/json']

const timerPlanKey = ['focus', 'settings'] as const

export function useTimerPlan() {
  return useQuery({
    queryKey: timerPlanKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/settings')),
  })
}

export function useSaveTimerPlan() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (plan: TimerPlan) => unwrap(await api.PUT('/api/v1/focus/settings', { body: plan })),
    onSuccess: (plan) => queryClient.setQueryData(timerPlanKey, plan),
  })
}
