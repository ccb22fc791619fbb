import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import { ImportFileError } from '@focushub/shared/imports'
import type { TaskContext } from '../../context.ts'
import { taskError } from '../../errors.ts'
import { ImportBody, ImportQuery, ImportReport, maxImportBytes } from './imports.schemas.ts'
import { importTodoist } from './imports.service.ts'
import { readTodoistBackup, readTodoistCsv } from './todoist-csv.ts'

/**
 * Imports from other tools: the file is the body (text/csv, or application/zip read as a byte string),
 * read whole, then imported in one transaction.
 */
export async function importsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['imports'], access: 'user' })
  // The file is the body: any other type (JSON included) answers 415.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: maxImportBytes }, (_request, body, done) =>
    done(null, body),
  )
  // Bytes as a latin1 string, one character per byte: what the schema can check, read back losslessly.
  app.addContentTypeParser(
    'application/zip',
    { parseAs: 'buffer', bodyLimit: maxImportBytes },
    (_request, body, done) => done(null, (body as Buffer).toString('latin1')),
  )

  app.post(
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
      const body = request.body as unknown
      if (typeof body !== 'string' || body === '') throw taskError('import-file-invalid', 'Send the file as the body')
      const zip = request.headers['content-type']?.startsWith('application/zip')
      let projects: ReturnType<typeof readTodoistCsv>[]
      try {
        projects = zip
          ? readTodoistBackup(Buffer.from(body, 'latin1'))
          : [readTodoistCsv(request.query.project?.trim() ?? 'Todoist', body)]
      } catch (error) {
        if (error instanceof ImportFileError) throw taskError('import-file-invalid', error.message)
        throw error
      }
      return importTodoist(ctx, contextOf(request), projects, request.query.dryRun ?? false)
    },
  )
}
