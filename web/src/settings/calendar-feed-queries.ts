// The signed-in user's calendar feed (auth-service's /auth/calendar-feed) through TanStack Query. A new
// feed's answer holds its token, which the API never shows again: the screen keeps the URL until closed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

const feedKey = ['auth', 'calendar-feed'] as const

/** The feed, or null when there is none (the API's 404). */
export function useCalendarFeed() {
  return useQuery({
    queryKey: feedKey,
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/api/v1/auth/calendar-feed'))
      } catch (error) {
        if (error instanceof ProblemError && error.problem.status === 404) return null
        throw error
      }
    },
  })
}

export function useNewCalendarFeed() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/v1/auth/calendar-feed')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  })
}

export function useTurnOffCalendarFeed() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/auth/calendar-feed')),
    onSuccess: () => queryClient.setQueryData(feedKey, null),
  })
}

/** The URL a calendar app subscribes to. */
export const feedUrl = (token: string) => `${window.location.origin}/api/v1/calendar/${token}.ics`
