import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import { acceptZipBodies, readImportBody, zipBytes } from '@focushub/shared/imports'
import type { HabitContext } from '../../context.ts'
import { habitError } from '../../errors.ts'
import { readFocusHubHabits } from './focushub-habits.ts'
import {
  FocusHubExportBody,
  FocusHubHabitsReport,
  ImportBody,
  ImportQuery,
  LoopImportReport,
} from './imports.schemas.ts'
import { importHabits } from './imports.service.ts'
import { readLoopExport } from './loop-csv.ts'

/** The ZIP's bytes read by `read`, or 400 `import-file-invalid` with why it is not what it reads. */
const readZip = <T>(body: unknown, read: (zip: Uint8Array) => T): T =>
  readImportBody(
    body,
    (file) => read(zipBytes(file)),
    (why) => habitError('import-file-invalid', why),
  )

/**
 * Imports from other habit trackers and from FocusHub's own export: the file is the body, read whole,
 * then imported in one transaction.
 */
export async function importsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, { tags: ['imports'], access: 'user' })
  acceptZipBodies(app)

  app.post(
    '/imports/loop',
    {
      schema: {
        summary: "Import Loop Habit Tracker's CSV export (a ZIP); dryRun=true says what it would make",
        querystring: ImportQuery,
        body: ImportBody,
        response: { 200: LoopImportReport, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const file = readZip(request.body, readLoopExport)
      return importHabits(ctx, contextOf(request), { source: 'loop', ...file }, request.query.dryRun ?? false)
    },
  )

  app.post(
    '/imports/focushub/habits',
    {
      schema: {
        summary:
          'Import the habits and check-ins of a FocusHub account export (its ZIP); dryRun=true says what it would make',
        querystring: ImportQuery,
        body: FocusHubExportBody,
        response: { 200: FocusHubHabitsReport, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const file = readZip(request.body, readFocusHubHabits)
      return importHabits(ctx, contextOf(request), file, request.query.dryRun ?? false)
    },
  )
}
