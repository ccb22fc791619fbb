// The import from Todoist (task-service's POST /imports/todoist) through TanStack Query. The file is the
// body, as it is: a project's CSV (text/csv) or Todoist's backup ZIP (application/zip). A dry run answers
// what the import would make and makes nothing; the import itself makes projects, tasks and labels, so the
// screens that list them read them again.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, type paths } from '../api/client.ts'
import { unwrap } from '../api/problem.ts'
import { importType } from './todoist-import-text.ts'

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never

export type ImportReport = Json<paths['/api/v1/imports/todoist']['post']['responses'][200]>

export interface ImportRequest {
  file: File
  /** A CSV's project name (a ZIP's projects are named after its files). */
  project: string
  dryRun: boolean
}

/**
 * Sends the file through the typed client (its middleware adds the access token). The schema types the
 * body as a string, but a ZIP's bytes are not text: the File goes as it is, not JSON-encoded.
 */
async function importFile({ file, project, dryRun }: ImportRequest) {
  const type = importType(file) ?? 'text/csv'
  return unwrap(
    await api.POST('/api/v1/imports/todoist', {
      params: { query: type === 'text/csv' ? { dryRun, project } : { dryRun } },
      headers: { 'Content-Type': type },
      body: file as unknown as string,
      bodySerializer: (body) => body,
    }),
  )
}

/** What importing the file would make (`dryRun: true`); nothing is written, so nothing is read again. */
export function useCheckImport() {
  return useMutation({
    mutationFn: (request: Omit<ImportRequest, 'dryRun'>) => importFile({ ...request, dryRun: true }),
  })
}

/** Imports the file; the projects, task lists (Focus's picks among them) and labels are read again. */
export function useImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: Omit<ImportRequest, 'dryRun'>) => importFile({ ...request, dryRun: false }),
    onSuccess: () =>
      Promise.all(
        [['projects'], ['tasks'], ['labels'], ['focus', 'tasks'], ['focus', 'task-names']].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  })
}
