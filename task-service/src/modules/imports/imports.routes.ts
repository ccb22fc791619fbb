import { contextOf } from '@focushub/shared/context'
import { dayBoundaryOf } from '@focushub/shared/events'
import { type App, problems, routeScope } from '@focushub/shared/http'
import { ImportFileError } from '@focushub/shared/imports'
import type { TaskContext } from '../../context.ts'
import { taskError } from '../../errors.ts'
import { readFocusHubTasks } from './focushub-tasks.ts'
import {
  DryRunQuery,
  FocusHubExportBody,
  FocusHubTasksReport,
  ImportBody,
  ImportQuery,
  ImportReport,
  maxImportBytes,
} from './imports.schemas.ts'
import { importProjects } from './imports.service.ts'
import { readTodoistBackup, readTodoistCsv } from './todoist-csv.ts'

/** What a reader makes of the file, or 400 `import-file-invalid` with why it is not one. */
function readOrRefuse<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof ImportFileError) throw taskError('import-file-invalid', error.message)
    throw error
  }
}

/** The body as the file's bytes (a ZIP arrives as a latin1 string: see the parser). */
function fileOf(body: unknown) {
  if (typeof body !== 'string' || body === '') throw taskError('import-file-invalid', 'Send the file as the body')
  return body
}

/**
 * Imports from other tools and from FocusHub's own export: the file is the body (application/zip read as
 * a byte string, or text/csv for Todoist's), read whole, then imported in one transaction.
 */
export async function importsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['imports'], access: 'user' })
  // The file is the body: any other type (JSON included) answers 415.
  app.removeAllContentTypeParsers()
  // Bytes as a latin1 string, one character per byte: what the schema can check, read back losslessly.
  app.addContentTypeParser(
    'application/zip',
    { parseAs: 'buffer', bodyLimit: maxImportBytes },
    (_request, body, done) => done(null, (body as Buffer).toString('latin1')),
  )

  app.post(
    '/imports/focushub/tasks',
    {
      schema: {
        summary:
          'Import the projects I owned, their tasks and my labels from a FocusHub account export (its ZIP); dryRun=true says what it would make',
        querystring: DryRunQuery,
        body: FocusHubExportBody,
        response: { 200: FocusHubTasksReport, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request) => {
      const body = fileOf(request.body)
      const actor = contextOf(request)
      const boundary = await dayBoundaryOf(ctx.db, actor.userId)
      const file = readOrRefuse(() => readFocusHubTasks(Buffer.from(body, 'latin1'), boundary))
      return importProjects(ctx, actor, file, request.query.dryRun ?? false)
    },
  )

  // Todoist's import alone reads a CSV too.
  await app.register(async (todoist: App) => {
    todoist.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: maxImportBytes }, (_request, body, done) =>
      done(null, body),
    )
    todoist.post(
      '/imports/todoist',
      {
        schema: {
          summary: 'Import Todoist projects (a CSV or the backup ZIP); dryRun=true says what it would make',
          querystring: ImportQuery,
          body: ImportBody,
          response: { 200: ImportReport, ...problems(400, 401, 403, 409, 413, 415) },
        },
      },
      async (request) => {
        const body = fileOf(request.body)
        const zip = request.headers['content-type']?.startsWith('application/zip')
        const projects = readOrRefuse(() =>
          zip
            ? readTodoistBackup(Buffer.from(body, 'latin1'))
            : [readTodoistCsv(request.query.project?.trim() ?? 'Todoist', body)],
        )
        const notes = projects.flatMap((project) => project.notes)
        const file = { source: 'todoist', projects, labels: [], notes }
        return importProjects(ctx, contextOf(request), file, request.query.dryRun ?? false)
      },
    )
  })
}
