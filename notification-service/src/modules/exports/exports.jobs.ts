import type { Task, TaskList } from 'graphile-worker'
import Type from 'typebox'
import Value from 'typebox/value'
import { buildExport, buildExportTask, type ExportContext } from './exports.service.ts'

const BuildPayload = Type.Object({ exportId: Type.String({ format: 'uuid' }) })

/** The exports module's jobs (task-list.ts). */
export const exportJobs = (ctx: ExportContext): TaskList => {
  const buildJob: Task = async (payload, helpers) => {
    if (!Value.Check(BuildPayload, payload)) {
      helpers.logger.error('build-export: malformed payload, dropped')
      return
    }
    const outcome = await buildExport(ctx, payload.exportId, helpers.job.attempts >= helpers.job.max_attempts)
    helpers.logger.info(`build-export ${payload.exportId}: ${outcome}`)
  }
  return { [buildExportTask]: buildJob }
}
