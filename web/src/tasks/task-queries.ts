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

export type Label = paths['/api/v1/labels']['get']['responses'][200]['content']['application/json']['items'][number]

export const statusFilters = ['open', 'done', 'all'] as const
export const dueFilters = ['overdue', 'today', 'week'] as const

/** What a project's list is narrowed to (kept in the URL's query string). */
export interface ListFilters {
  status?: (typeof statusFilters)[number]
  priority?: Priority
  labelId?: string
  due?: (typeof dueFilters)[number]
}

/** Which tasks a list shows: Today's open ones, a project's in its manual order, or a search's. */
export type TaskFilter = { overdue: true } | { dueToday: true } | ({ projectId: string } & ListFilters) | { q: string }

type TaskQuery = NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>

export const priorities: Priority[] = ['none', 'low', 'medium', 'high', 'urgent']

const open: TaskQuery['status'] = ['todo', 'in_progress']
const statusQuery = { open: { status: open }, done: { status: ['done'] }, all: {} } satisfies Record<
  NonNullable<ListFilters['status']>,
  TaskQuery
>
const week = 7 * 86_400_000

/** Due filters as the API counts them: overdue and today in the user's local day, week the next 7 × 24 h. */
function dueQuery(due: ListFilters['due']): TaskQuery {
  if (due === 'overdue') return { overdue: true }
  if (due === 'today') return { dueToday: true }
  if (due === 'week')
    return { dueAfter: new Date().toISOString(), dueBefore: new Date(Date.now() + week).toISOString() }
  return {}
}

function listQuery(filter: TaskFilter): TaskQuery {
  if ('q' in filter) return { limit: 50, sort: 'due', q: filter.q }
  if ('projectId' in filter) {
    const { projectId, status = 'open', priority, labelId, due } = filter
    return {
      limit: 200,
      sort: 'position',
      projectId,
      ...statusQuery[status],
      ...(priority ? { priority: [priority] } : {}),
      ...(labelId ? { labelId } : {}),
      ...dueQuery(due),
    }
  }
  return { limit: 200, sort: 'due', status: open, ...filter }
}

const tasksKey = ['tasks'] as const
const projectsKey = ['projects'] as const

export function useTasks(filter: TaskFilter, enabled = true) {
  return useQuery({
    queryKey: [...tasksKey, filter],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks', { params: { query: listQuery(filter) } })).items,
    enabled,
  })
}

/** The user's labels (the first 200), for the label filter and the task's label picker. */
export function useLabels() {
  return useQuery({
    queryKey: ['labels', 'all'],
    queryFn: async () => unwrap(await api.GET('/api/v1/labels', { params: { query: { limit: 200 } } })).items,
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

/**
 * Moves a task in its project's manual order: `position` is what the API is sent (the next task's
 * position, so it goes just before it, or one past the last), `estimate` where the lists show it
 * until they are read again. No version: a move states only where the task goes among the others as
 * they are now, so there is nothing stale to overwrite.
 */
export function useMoveTask() {
  return useTaskMutation(
    async ({ task, position }: { task: Task; position: number; estimate: number }) =>
      unwrap(await api.PATCH('/api/v1/tasks/{taskId}', { params: { path: { taskId: task.id } }, body: { position } })),
    ({ task, estimate }) =>
      (tasks, filter) => {
        const moved = tasks.map((each) => (each.id === task.id ? { ...each, position: estimate } : each))
        return 'projectId' in filter ? moved.sort(inOrder) : moved
      },
  )
}

/** The API's manual order: position, then id. */
const inOrder = (a: Task, b: Task) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

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
