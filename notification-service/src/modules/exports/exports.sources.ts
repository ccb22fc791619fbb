import { type ExportCollection, type ExportPage, readExportPage } from '@focushub/shared/exports'
import type { Config } from '../../config.ts'
import { internalGetter } from '../agenda/agenda.clients.ts'

/** Where one part of an export comes from: a service's pages, and the folder of the ZIP they go to. */
export interface ExportSource {
  folder: string
  page(userId: string, after: string | undefined): Promise<ExportPage>
}

/**
 * Every part of an account's export: each service's GET /internal/users/{id}/export (asked with
 * notification-service's credential), and notification-service's own collections, read in process.
 */
export function createExportSources(config: Config, own: ExportCollection[]): ExportSource[] {
  const get = internalGetter(config)
  const limit = config.EXPORT_PAGE_SIZE
  const remote = (folder: string, base: string): ExportSource => ({
    folder,
    page: (userId, after) =>
      get<ExportPage>(
        base,
        `/internal/users/${encodeURIComponent(userId)}/export`,
        after ? { limit, after } : { limit },
      ),
  })
  return [
    remote('account', config.AUTH_SERVICE_URL),
    remote('tasks', config.TASK_SERVICE_URL),
    remote('focus', config.FOCUS_SERVICE_URL),
    remote('habits', config.HABIT_SERVICE_URL),
    remote('social', config.SOCIAL_SERVICE_URL),
    { folder: 'notifications', page: (userId, after) => readExportPage(own, userId, { after, limit }) },
  ]
}
