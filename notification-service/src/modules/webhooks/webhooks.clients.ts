import { askInternal, serviceAuthorization } from '@focushub/shared/auth'
import type { Config } from '../../config.ts'
import { InternalCallError } from '../agenda/agenda.clients.ts'
import type { ProjectRoleOf } from './webhooks.service.ts'

/**
 * A user's role in a project, asked of task-service's internal route with notification-service's
 * credential: undefined for a non-member (404); any other answer but 200 throws.
 */
export function createProjectRoles(config: Config): ProjectRoleOf {
  const authorization = serviceAuthorization('notification-service', config.NOTIFICATION_SERVICE_INTERNAL_SECRET)
  return async (projectId, userId) => {
    const path = `/internal/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`
    const url = new URL(path, config.TASK_SERVICE_URL)
    const response = await askInternal(url, { authorization, timeoutMs: config.INTERNAL_CALL_TIMEOUT_MS })
    if (response.status === 404) return undefined
    if (response.status !== 200) throw new InternalCallError(`${url.origin}${url.pathname} answered ${response.status}`)
    return ((await response.json()) as { role: string }).role
  }
}
