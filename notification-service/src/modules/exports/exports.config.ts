import { HttpUrl } from '@focushub/shared/config'
import Type from 'typebox'

/** The variables of account exports (.env.example, "Account export"), spread into the service's config schema. */
export const exportsConfig = {
  /** The services an export reads besides those of the agenda (TASK_/FOCUS_/HABIT_SERVICE_URL). */
  AUTH_SERVICE_URL: HttpUrl('http://127.0.0.1:3001'),
  SOCIAL_SERVICE_URL: HttpUrl('http://127.0.0.1:3006'),
  /** How long a built export (its ZIP and its row) is kept before it is forgotten. */
  EXPORT_RETENTION_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 72 }),
  /** How long a download link (a presigned GET of the ZIP) is valid. */
  EXPORT_LINK_TTL_SECONDS: Type.Integer({ minimum: 30, maximum: 3600, default: 300 }),
  /** Exports one user may request in 24 hours (each reads all of their data from every service). */
  EXPORT_DAILY_LIMIT: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  /** Items asked for per page of a service's internal export route. */
  EXPORT_PAGE_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }),
}
