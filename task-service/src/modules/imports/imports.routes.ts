import { contextOf } from '@focushub/shared/context'
import { dayBoundaryOf } from '@focushub/shared/events'
import { type App, problems, routeScope } from '@focushub/shared/http'
import { acceptZipBodies, maxImportBytes, readImportBody, zipBytes } from '@focushub/shared/imports'
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
} from './imports.schemas.ts'
import { importProjects } from './imports.service.ts'
import { readTodoistBackup, readTodoistCsv } from './todoist-csv.ts'

/** What `read` makes of the body, or 400 `import-file-invalid` with why it is not what it reads. */
const readFile = <T>(body: unknown, read: (file: string) => T): T =>
  readImportBody(body, read, (why) => taskError('import-file-invalid', why))

/**
 * Imports from other tools and from FocusHub's own export: the file is the body (application/zip read as
 * a byte string, or text/csv for Todoist's), read whole, then imported in one transaction.
 */
export async function importsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['imports'], access: 'user' })
  acceptZipBodies(app)

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
      const actor = contextOf(request)
      const boundary = await dayBoundaryOf(ctx.db, actor.userId)
      const file = readFile(request.body, (body) => readFocusHubTasks(zipBytes(body), boundary))
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
        const zip = request.headers['content-type']?.startsWith('application/zip')
        const projects = readFile(request.body, (body) =>
          zip ? readTodoistBackup(zipBytes(body)) : [readTodoistCsv(request.query.project?.trim() ?? 'Todoist', body)],
        )
        const notes = projects.flatMap((project) => project.notes)
        const file = { source: 'todoist', projects, labels: [], notes }
        return importProjects(ctx, contextOf(request), file, request.query.dryRun ?? false)
      },
    )
  })
}
