// The imports through TanStack Query: from Todoist (task-service's POST /imports/todoist: a project's CSV,
// text/csv, or Todoist's backup ZIP, application/zip), from Loop Habit Tracker (habit-service's POST
// /imports/loop: its CSV export's ZIP), and from FocusHub's own account export (its ZIP sent to both
// services' /imports/focushub/…). The file is the body, as it is. A dry run answers what the import would
// make and makes nothing; the import itself makes projects, tasks and labels, or habits and their
// check-ins, so the screens that list them read them again.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { importType } from './imports-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never
type Report<Path extends keyof paths> = paths[Path] extends { post: { responses: { 200: infer Ok } } }
  ? Json<Ok>
  : never

export type TodoistReport = Report<'/api/v1/imports/todoist'>
export type LoopReport = Report<'/api/v1/imports/loop'>
/** Both parts of a FocusHub export's import: its projects, tasks and labels, then its habits and check-ins. */
export interface FocusHubReport {
  dryRun: boolean
  tasks: Report<'/api/v1/imports/focushub/tasks'>
  habits: Report<'/api/v1/imports/focushub/habits'>
}

export interface TodoistRequest {
  file: File
  /** A CSV's project name (a ZIP's projects are named after its files). */
  project: string
}

export interface ZipRequest {
  file: File
}

/**
 * Every import sends the file through the typed client (its middleware adds the access token). The
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

type ZipImport = '/api/v1/imports/loop' | '/api/v1/imports/focushub/tasks' | '/api/v1/imports/focushub/habits'

/** A ZIP to one of the imports that take nothing else; answers that import's report. */
async function importZip<Path extends ZipImport>(path: Path, file: File, dryRun: boolean) {
  const answer = unwrap(
    await api.POST(path as ZipImport, {
      params: { query: { dryRun } },
      headers: { 'Content-Type': 'application/zip' },
      body: file as unknown as string,
      ...asIs,
    }),
  )
  return answer as Report<Path>
}

const importLoop = ({ file }: ZipRequest, dryRun: boolean) => importZip('/api/v1/imports/loop', file, dryRun)

/**
 * A FocusHub export, to task-service and then to habit-service: the habits' part is sent once the tasks'
 * has been answered, so a file refused is refused once, in task-service's words.
 */
async function importFocusHub({ file }: ZipRequest, dryRun: boolean): Promise<FocusHubReport> {
  const tasks = await importZip('/api/v1/imports/focushub/tasks', file, dryRun)
  const habits = await importZip('/api/v1/imports/focushub/habits', file, dryRun)
  return { dryRun, tasks, habits }
}

/**
 * An import's two steps: `check`, what importing the file would make (a dry run: nothing is written, so
 * nothing is read again), and `run`, the import, after which the queries under `changed` are read again;
 * after a refusal too, as a FocusHub export's habits can be refused once its tasks are made.
 */
function useImportSteps<Request, Report>(
  send: (request: Request, dryRun: boolean) => Promise<Report>,
  changed: readonly QueryKey[],
) {
  const queryClient = useQueryClient()
  const check = useMutation({ mutationFn: (request: Request) => send(request, true) })
  const run = useMutation({
    mutationFn: (request: Request) => send(request, false),
    onSettled: () => Promise.all(changed.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
  return { check, run }
}

export type ImportSteps<Request, Report> = ReturnType<typeof useImportSteps<Request, Report>>

/** What a project import changes: the projects, task lists (Focus's picks among them) and labels. */
const tasksChanged = [['projects'], ['tasks'], ['labels'], ['focus', 'tasks'], ['focus', 'task-names']]
/**
 * What a habit import changes: the habits (their lists, each habit and its stats: habit-queries.ts keys
 * them all under 'habits'), Focus's pick of them, and the stats and dashboard that count check-ins.
 */
const habitsChanged = [['habits'], ['focus', 'habits'], ['stats'], ['dashboard']]

export const useTodoistImport = () => useImportSteps(importTodoist, tasksChanged)
export const useLoopImport = () => useImportSteps(importLoop, habitsChanged)
export const useFocusHubImport = () => useImportSteps(importFocusHub, [...tasksChanged, ...habitsChanged])
