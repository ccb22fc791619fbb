// One task in full (task-service's GET/PATCH/DELETE /tasks/{id}), its subtasks, and new labels.
// The task lives under ['task', id], not ['tasks', …], whose entries are lists the list screens'
// optimistic writes map over; every write here reads those lists again. Subtasks are such a list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'
import type { Task } from './task-queries.ts'

export type TaskChange = paths['/api/v1/tasks/{taskId}']['patch']['requestBody']['content']['application/json']
export type NewLabel = paths['/api/v1/labels']['post']['requestBody']['content']['application/json']

const taskKey = (taskId: string) => ['task', taskId] as const
const subtasksKey = (parentId: string) => ['tasks', { parentId }] as const
const tasksKey = ['tasks'] as const
const labelsKey = ['labels'] as const

/** True for the refusal of a stale `version`: the task changed since this tab read it. */
export const isStale = (error: unknown) => error instanceof ProblemError && error.problem.status === 412

export function useTask(taskId: string | null) {
  return useQuery({
    queryKey: taskKey(taskId ?? ''),
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{taskId}', { params: { path: { taskId: taskId! } } })),
    enabled: taskId !== null,
    retry: (failures, error) => !(error instanceof ProblemError && error.problem.status < 500) && failures < 1,
  })
}

/** The task's subtasks, done ones included, in their manual order. */
export function useSubtasks(parentId: string) {
  return useQuery({
    queryKey: subtasksKey(parentId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks', { params: { query: { parentId, sort: 'position', limit: 200 } } })).items,
  })
}

/** Saves a change with the version read; a 412 reads the task again, so the form shows what is saved now. */
export function useSaveTask(task: Task) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (change: Omit<TaskChange, 'version'>) =>
      unwrap(
        await api.PATCH('/api/v1/tasks/{taskId}', {
          params: { path: { taskId: task.id } },
          body: { ...change, version: task.version },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(taskKey(task.id), saved),
    onError: (error) => (isStale(error) ? queryClient.invalidateQueries({ queryKey: taskKey(task.id) }) : undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  })
}

/** Deletes the task (its subtasks with it) if it is still the version read. */
export function useDeleteTask(task: Task) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.DELETE('/api/v1/tasks/{taskId}', {
          params: { path: { taskId: task.id }, header: { 'if-match': String(task.version) } },
        }),
      ),
    onError: (error) => (isStale(error) ? queryClient.invalidateQueries({ queryKey: taskKey(task.id) }) : undefined),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  })
}

export function useAddSubtask(parent: Task) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (title: string) =>
      unwrap(await api.POST('/api/v1/tasks', { body: { title, parentId: parent.id, projectId: parent.projectId } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  })
}

/** Completes a subtask, shown done at once and put back when the API refuses it. */
export function useCompleteSubtask(parentId: string) {
  const queryClient = useQueryClient()
  const key = subtasksKey(parentId)
  return useMutation({
    mutationFn: async (subtask: Task) =>
      unwrap(
        await api.POST('/api/v1/tasks/{taskId}/complete', {
          params: { path: { taskId: subtask.id } },
          body: { version: subtask.version },
        }),
      ),
    onMutate: async (subtask) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<Task[]>(key)
      queryClient.setQueryData<Task[]>(key, (tasks) =>
        tasks?.map((each) => (each.id === subtask.id ? { ...each, status: 'done' as const } : each)),
      )
      return () => queryClient.setQueryData(key, before)
    },
    onError: (_error, _subtask, undo) => undo?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  })
}

export function useCreateLabel() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (label: NewLabel) => unwrap(await api.POST('/api/v1/labels', { body: label })),
    // Every list of labels (the pickers, the lists' filter) reads them again, before the new one is picked.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: labelsKey }),
  })
}
