// Focus stats and the daily goal (focus-service) through TanStack Query. Setting the goal changes
// today's award and so the goal streaks: the stats are read again after it.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

export type StatsRange = NonNullable<NonNullable<paths['/api/v1/focus/stats']['get']['parameters']['query']>['range']>
export type Stats = paths['/api/v1/focus/stats']['get']['responses'][200]['content']['application/json']
export type Goal = paths['/api/v1/focus/goal']['get']['responses'][200]['content']['application/json']
export type WeeklyReview =
  paths['/api/v1/weekly-reviews']['get']['responses'][200]['content']['application/json']['items'][number]

const statsKey = ['focus', 'stats'] as const
const goalKey = ['focus', 'goal'] as const

export function useStats(range: StatsRange) {
  return useQuery({
    queryKey: [...statsKey, range],
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/stats', { params: { query: { range } } })),
    placeholderData: (previous) => previous,
  })
}

/** The last weeks' reviews (notification-service), newest first. */
export function useWeeklyReviews(limit: number) {
  return useQuery({
    queryKey: ['weekly-reviews', limit],
    queryFn: async () => unwrap(await api.GET('/api/v1/weekly-reviews', { params: { query: { limit } } })).items,
  })
}

/** The minutes per local day, and today against them. */
export function useGoal() {
  return useQuery({ queryKey: goalKey, queryFn: async () => unwrap(await api.GET('/api/v1/focus/goal')) })
}

export function useSaveGoal() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (minutes: number) => unwrap(await api.PUT('/api/v1/focus/goal', { body: { minutes } })),
    onSuccess: (goal) => {
      queryClient.setQueryData(goalKey, goal)
      return queryClient.invalidateQueries({ queryKey: statsKey })
    },
  })
}

/**
 * The title of each task by id, read one by one (the top tasks of the stats, done ones included).
 * A task deleted since, or in a project the user left (404), has none.
 */
export function useTaskTitles(taskIds: string[]) {
  const tasks = useQueries({
    queries: taskIds.map((taskId) => ({
      queryKey: ['focus', 'stats-task', taskId],
      queryFn: async () => {
        try {
          return unwrap(await api.GET('/api/v1/tasks/{taskId}', { params: { path: { taskId } } })).title
        } catch (error) {
          if (error instanceof ProblemError && error.problem.status === 404) return null
          throw error
        }
      },
      staleTime: 60_000,
    })),
  })
  return new Map(taskIds.map((taskId, index) => [taskId, tasks[index]?.data]))
}
