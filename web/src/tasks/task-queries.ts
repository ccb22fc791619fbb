// Tasks and projects through TanStack Query. Every write updates the cached lists at once
// (optimistic) and puts them back as they were when the API refuses it; the lists are read again
// after every write either way.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'

export type Task = paths['/api/v1/tasks/{taskId}']['get']['responses'][200]['content']['application/json']
export type Priority = Task['priority']
export type NewTask = paths['/api/v1/tasks']['post']['requestBody']['content']['application/json']
export type Project = paths['/api/v1/projects/{projectId}']['get']['responses'][200]['content']['application/json']

/** Which open tasks a list shows. */
export type TaskFilter = { overdue: true } | { dueToday: true } | { projectId: string }

type TaskQuery = NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>

export const priorities: Priority[] = ['none', 'low', 'medium', 'high', 'urgent']

const tasksKey = ['tasks'] as const
const projectsKey = ['projects'] as const

export function useTasks(filter: TaskFilter) {
  return useQuery({
    queryKey: [...tasksKey, filter],
    queryFn: async () => {
      const query: TaskQuery = { limit: 200, sort: 'due', status: ['todo', 'in_progress'], ...filter }
      return unwrap(await api.GET('/api/v1/tasks', { params: { query } })).items
    },
  })
}

export function useProjects() {
  return useQuery({
    queryKey: projectsKey,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/projects', { params: { query: { limit: 200, archived: false } } })).items,
  })
}

/** Applies `change` to every cached task list; returns how to undo it. */
async function changeTaskLists(queryClient: QueryClient, change: (tasks: Task[], filter: TaskFilter) => Task[]) {
  await queryClient.cancelQueries({ queryKey: tasksKey })
  const before = queryClient.getQueriesData<Task[]>({ queryKey: tasksKey })
  for (const [key, tasks] of before) {
    if (tasks) queryClient.setQueryData(key, change(tasks, key[1] as TaskFilter))
  }
  return () => {
    for (const [key, tasks] of before) queryClient.setQueryData(key, tasks)
  }
}

function useTaskMutation<Input>(
  write: (input: Input) => Promise<unknown>,
  change: (input: Input) => (tasks: Task[], filter: TaskFilter) => Task[],
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: write,
    onMutate: (input: Input) => changeTaskLists(queryClient, change(input)),
    onError: (_error, _input, undo) => undo?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tasksKey }),
  })
}

export function useCompleteTask() {
  return useTaskMutation(
    async (task: Task) =>
      unwrap(
        await api.POST('/api/v1/tasks/{taskId}/complete', {
          params: { path: { taskId: task.id } },
          body: { version: task.version },
        }),
      ),
    // Shown done at once; the lists read again after it leave it out.
    (task) => (tasks) => tasks.map((each) => (each.id === task.id ? { ...each, status: 'done' as const } : each)),
  )
}

export function useRenameTask() {
  return useTaskMutation(
    async ({ task, title }: { task: Task; title: string }) =>
      unwrap(
        await api.PATCH('/api/v1/tasks/{taskId}', {
          params: { path: { taskId: task.id } },
          body: { title, version: task.version },
        }),
      ),
    ({ task, title }) =>
      (tasks) =>
        tasks.map((each) => (each.id === task.id ? { ...each, title } : each)),
  )
}

let pendingId = 0

/** Adds the task to `list` at once, as a placeholder the answer replaces. */
export function useCreateTask(list: TaskFilter) {
  return useTaskMutation(
    async (task: NewTask) => unwrap(await api.POST('/api/v1/tasks', { body: task })),
    (task) => (tasks, filter) => {
      if (JSON.stringify(filter) !== JSON.stringify(list)) return tasks
      pendingId += 1
      return [...tasks, placeholder(`pending-${pendingId}`, task)]
    },
  )
}

function placeholder(id: string, task: NewTask): Task {
  const now = new Date().toISOString()
  return {
    id,
    projectId: task.projectId ?? '',
    parentId: null,
    title: task.title,
    description: '',
    status: 'todo',
    priority: task.priority ?? 'none',
    due: task.due ?? null,
    dueAt: null,
    allDay: true,
    assigneeId: null,
    observerIds: [],
    labelIds: [],
    position: Number.MAX_SAFE_INTEGER,
    estimatePomodoros: null,
    focusedMinutes: 0,
    pomodorosDone: 0,
    recurrence: null,
    nextOccurrenceId: null,
    completedAt: null,
    createdBy: '',
    version: 0,
    createdAt: now,
    updatedAt: now,
  }
}

export const isPending = (task: Task) => task.id.startsWith('pending-')

export function useCreateProject() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (name: string) => unwrap(await api.POST('/api/v1/projects', { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsKey }),
  })
}
