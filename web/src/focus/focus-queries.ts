// Focus sessions (focus-service's server-owned timer) through TanStack Query. The server owns the
// timer: every action sends the `version` read and answers the session as it is now, which becomes
// the current one; the history is read again after every action, refused or not.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

export type FocusSession = paths['/api/v1/focus/sessions']['post']['responses'][201]['content']['application/json']
export type TimerAction = 'pause' | 'resume' | 'complete' | 'abandon'
/** What a session is on: a task, a habit, or neither. */
export interface FocusTarget {
  taskId?: string
  habitId?: string
}

export const focusKey = ['focus'] as const
const currentKey = [...focusKey, 'current'] as const
/** Every list of my sessions (the recent ones, the history's pages): read again after any write. */
export const historyKey = [...focusKey, 'history'] as const

/** The running or paused session, or null. */
export function useCurrentSession() {
  return useQuery({
    queryKey: currentKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/sessions/current')).session,
    // A running session moves on without this tab (the next phase, the timer completing it).
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 15_000 : false),
  })
}

/** The last `limit` sessions, newest start first. */
export function useHistory(limit: number) {
  return useQuery({
    queryKey: [...historyKey, limit],
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/sessions', { params: { query: { limit } } })).items,
  })
}

/** The user's open tasks, to focus on one (its own key: the task lists' optimistic writes leave it alone). */
export function useOpenTasks() {
  return useQuery({
    queryKey: [...focusKey, 'tasks'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/tasks', {
          params: { query: { limit: 200, sort: 'due', status: ['todo', 'in_progress'] } },
        }),
      ).items,
  })
}

/** The title of each of my tasks by id, open or not (the first 200, newest first), to name a session's task. */
export function useTaskNames() {
  const tasks = useQuery({
    queryKey: [...focusKey, 'task-names'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks', { params: { query: { limit: 200, sort: '-created' } } })).items,
  })
  return new Map(tasks.data?.map((task) => [task.id, task.title]))
}

/** My habits (archived ones left out), to focus on one or log time for it. */
export function useHabits() {
  return useQuery({
    queryKey: [...focusKey, 'habits'],
    queryFn: async () => unwrap(await api.GET('/api/v1/habits', { params: { query: { limit: 200 } } })).items,
  })
}

/** The name of each of my habits by id. */
export function useHabitNames() {
  const habits = useHabits()
  return new Map(habits.data?.map((habit) => [habit.id, habit.name]))
}

/** True when the session changed since this tab read it (412), or its status no longer allows the action (409). */
export const isOutdated = (error: unknown) =>
  error instanceof ProblemError && (error.problem.status === 412 || error.problem.status === 409)

function useFocusMutation<Input>(write: (input: Input) => Promise<FocusSession>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onSuccess: (session) =>
      queryClient.setQueryData(
        currentKey,
        session.status === 'running' || session.status === 'paused' ? session : null,
      ),
    // A refusal because the session moved on (elsewhere, or the timer ended it): read it again.
    onError: (error) => (isOutdated(error) ? queryClient.invalidateQueries({ queryKey: currentKey }) : undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyKey }),
  })
}

export function useStartSession() {
  return useFocusMutation(async (target: FocusTarget) =>
    unwrap(await api.POST('/api/v1/focus/sessions', { body: target })),
  )
}

export function useTimerAction() {
  return useFocusMutation(
    async ({ session, action, reason }: { session: FocusSession; action: TimerAction; reason?: string }) =>
      unwrap(
        await api.POST(`/api/v1/focus/sessions/{id}/${action}`, {
          params: { path: { id: session.id } },
          body: reason ? { version: session.version, reason } : { version: session.version },
        }),
      ) as FocusSession,
  )
}
