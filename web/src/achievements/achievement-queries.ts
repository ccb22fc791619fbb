// Achievements and rewards (habit-service) through TanStack Query. Both are read-only here: habit-service
// unlocks achievements and grants points from events, so a screen shows them as they are when read.
import { useQuery } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'

export type Achievement =
  paths['/api/v1/achievements']['get']['responses'][200]['content']['application/json']['items'][number]

/** The whole catalogue with my progress: a few dozen, so every page at once. */
export function useAchievements() {
  return useQuery({
    queryKey: ['achievements'],
    queryFn: async () => {
      const items: Achievement[] = []
      let cursor: string | undefined
      do {
        const page = unwrap(await api.GET('/api/v1/achievements', { params: { query: { limit: 200, cursor } } }))
        items.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return items
    },
  })
}

/** My points, level and the points where this level starts and the next one does. */
export function useRewards() {
  return useQuery({ queryKey: ['rewards'], queryFn: async () => unwrap(await api.GET('/api/v1/rewards')) })
}
