// Habits (habit-service) through TanStack Query. A check-in shows at once in the habit's stats
// (its days), goes back when the API refuses it, and the habit (streaks, freezes) comes from the
// API's answer; the lists and stats are read again after every write.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'

export type Habit = paths['/api/v1/habits/{id}']['get']['responses'][200]['content']['application/json']
export type NewHabit = paths['/api/v1/habits']['post']['requestBody']['content']['application/json']
export type HabitChange = NonNullable<
  paths['/api/v1/habits/{id}']['patch']['requestBody']
>['content']['application/json']
export type HabitStats = paths['/api/v1/habits/{id}/stats']['get']['responses'][200]['content']['application/json']
export type Schedule = Habit['schedule']
export type CheckInDay = HabitStats['heatmap']['days'][number]

const habitsKey = ['habits'] as const
const listsKey = [...habitsKey, 'list'] as const
const habitKey = (id: string) => [...habitsKey, 'one', id] as const
const statsKey = (id: string) => [...habitsKey, 'stats', id] as const
const checkInKey = (id: string) => [...habitsKey, 'check-in', id] as const

/** My habits in my order: the active ones, or the archive. */
export function useHabits(archived: boolean) {
  return useQuery({
    queryKey: [...listsKey, archived],
    queryFn: async () => unwrap(await api.GET('/api/v1/habits', { params: { query: { limit: 200, archived } } })).items,
  })
}

export function useHabit(id: string) {
  return useQuery({
    queryKey: habitKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/habits/{id}', { params: { path: { id } } })),
  })
}

/** Streaks, completion rates, strength and the check-ins of the last 365 days. */
export function useHabitStats(id: string) {
  return useQuery({
    queryKey: statsKey(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/habits/{id}/stats', { params: { path: { id } } })),
  })
}

/** True for the refusal of a stale `version`: the habit changed since this tab read it. */
export const isStale = (error: unknown) => error instanceof ProblemError && error.problem.status === 412

/** The habit as the API answered it, in its own entry and the cached lists (out of the one it left by archiving). */
function storeHabit(queryClient: QueryClient, habit: Habit) {
  queryClient.setQueryData(habitKey(habit.id), habit)
  for (const [key, habits] of queryClient.getQueriesData<Habit[]>({ queryKey: listsKey })) {
    if (!habits) continue
    const listed = habits.filter((each) => each.id !== habit.id || habit.archived === key[2])
    queryClient.setQueryData(
      key,
      listed.map((each) => (each.id === habit.id ? habit : each)),
    )
  }
}

export function useCreateHabit() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (habit: NewHabit) => unwrap(await api.POST('/api/v1/habits', { body: habit })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listsKey }),
  })
}

/** Edits, archives or restores the habit with the `version` read. */
export function useUpdateHabit(habit: Habit) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (change: Omit<HabitChange, 'version'>) =>
      unwrap(
        await api.PATCH('/api/v1/habits/{id}', {
          params: { path: { id: habit.id } },
          body: { ...change, version: habit.version },
        }),
      ),
    onSuccess: (saved) => {
      storeHabit(queryClient, saved)
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: listsKey }),
        queryClient.invalidateQueries({ queryKey: statsKey(habit.id) }),
      ])
    },
    // Changed elsewhere: read it again, so the form shows what is saved now.
    onError: (error) => (isStale(error) ? queryClient.invalidateQueries({ queryKey: habitKey(habit.id) }) : undefined),
  })
}

export function useDeleteHabit(habit: Habit) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/habits/{id}', { params: { path: { id: habit.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listsKey }),
  })
}

/** A day's check-in as the habit's stats would show it (done: a measurable habit gets its target). */
const doneDay = (habit: Habit, date: string): CheckInDay => ({
  date,
  status: 'done',
  value: habit.kind === 'measurable' ? habit.target : null,
  level: 4,
})

/** Marks a day done (POST) or undoes it (DELETE); the day shows its new state at once. */
export function useToggleCheckIn(habit: Habit) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: checkInKey(habit.id),
    mutationFn: async ({ date, done }: { date: string; done: boolean }) => {
      if (!done) {
        unwrap(await api.DELETE('/api/v1/habits/{id}/check-ins/{date}', { params: { path: { id: habit.id, date } } }))
        return undefined
      }
      const body =
        habit.kind === 'measurable' && habit.target !== null
          ? { date, value: habit.target }
          : { date, status: 'done' as const }
      return unwrap(await api.POST('/api/v1/habits/{id}/check-ins', { params: { path: { id: habit.id } }, body })).habit
    },
    onMutate: async ({ date, done }) => {
      const key = statsKey(habit.id)
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<HabitStats>(key)
      if (before) {
        const days = before.heatmap.days.filter((day) => day.date !== date)
        queryClient.setQueryData<HabitStats>(key, {
          ...before,
          heatmap: { ...before.heatmap, days: done ? [...days, doneDay(habit, date)] : days },
        })
      }
      return () => queryClient.setQueryData(key, before)
    },
    onError: (_error, _input, undo) => undo?.(),
    onSuccess: (saved) => (saved ? storeHabit(queryClient, saved) : undefined),
    // Read again once the last of several quick toggles is answered, so an earlier answer does not
    // overwrite a later day shown at once.
    onSettled: () =>
      queryClient.isMutating({ mutationKey: checkInKey(habit.id) }) > 1
        ? undefined
        : Promise.all([
            queryClient.invalidateQueries({ queryKey: listsKey }),
            queryClient.invalidateQueries({ queryKey: habitKey(habit.id) }),
            queryClient.invalidateQueries({ queryKey: statsKey(habit.id) }),
          ]),
  })
}
