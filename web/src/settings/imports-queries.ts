// The imports through TanStack Query: from Todoist (task-service's POST /imports/todoist: a project's CSV,
// text/csv, or Todoist's backup ZIP, application/zip) and from Loop Habit Tracker (habit-service's POST
// /imports/loop: its CSV export's ZIP). The file is the body, as it is. A dry run answers what the import
// would make and makes nothing; the import itself makes projects, tasks and labels, or habits and their
// check-ins, so the screens that list them read them again.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { importType } from './imports-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type TodoistReport = Json<paths['/api/v1/imports/todoist']['post']['responses'][200]>
export type LoopReport = Json<paths['/api/v1/imports/loop']['post']['responses'][200]>

export interface TodoistRequest {
  file: File
  /** A CSV's project name (a ZIP's projects are named after its files). */
  project: string
}

export interface LoopRequest {
  file: File
}

/**
 * Both imports send the file through the typed client (its middleware adds the access token). The
 * schema types the body as a string, but a ZIP's bytes are not text: the File goes as it is, not
 * JSON-encoded.
 */
const asIs = { bodySerializer: (body: unknown) => body } as const

async function importTodoist({ file, project }: TodoistRequest, dryRun: boolean) {
  const type = importType(file) ?? 'text/csv'
  return unwrap(
    await api.POST('/api/v1/imports/todoist', {
      params: { query: type === 'text/csv' ? { dryRun, project } : { dryRun } },
      headers: { 'Content-Type': type },
      body: file as unknown as string,
      ...asIs,
    }),
  )
}

async function importLoop({ file }: LoopRequest, dryRun: boolean) {
  return unwrap(
    await api.POST('/api/v1/imports/loop', {
      params: { query: { dryRun } },
      headers: { 'Content-Type': 'application/zip' },
      body: file as unknown as string,
      ...asIs,
    }),
  )
}

/**
 * An import's two steps: `check`, what importing the file would make (a dry run: nothing is written, so
 * nothing is read again), and `run`, the import, after which the queries under `changed` are read again.
 */
function useImportSteps<Request, Report>(
  send: (request: Request, dryRun: boolean) => Promise<Report>,
  changed: readonly QueryKey[],
) {
  const queryClient = useQueryClient()
  const check = useMutation({ mutationFn: (request: Request) => send(request, true) })
  const run = useMutation({
    mutationFn: (request: Request) => send(request, false),
    onSuccess: () => Promise.all(changed.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
  return { check, run }
}

/** Import from Todoist; the projects, task lists (Focus's picks among them) and labels are read again. */
export const useTodoistImport = () =>
  useImportSteps(importTodoist, [['projects'], ['tasks'], ['labels'], ['focus', 'tasks'], ['focus', 'task-names']])

/**
 * Import from Loop; the habits (their lists, each habit and its stats: habit-queries.ts keys them all
 * under 'habits'), Focus's pick of them, and the stats and dashboard that count check-ins are read again.
 */
export const useLoopImport = () =>
  useImportSteps(importLoop, [['habits'], ['focus', 'habits'], ['stats'], ['dashboard']])
