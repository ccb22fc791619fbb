import type { Config } from './config.ts'

export type ServiceName = 'auth-service' | 'task-service' | 'focus-service' | 'habit-service'

export function serviceUrls(config: Config): Record<ServiceName, string> {
  return {
    'auth-service': config.AUTH_SERVICE_URL,
    'task-service': config.TASK_SERVICE_URL,
    'focus-service': config.FOCUS_SERVICE_URL,
    'habit-service': config.HABIT_SERVICE_URL,
  }
}

/** Public path prefixes (under /api/v1) and the service that owns each. */
export const publicRoutes: ReadonlyArray<{ path: string; service: ServiceName }> = [
  { path: '/auth', service: 'auth-service' },
  { path: '/admin', service: 'auth-service' },
  { path: '/projects', service: 'task-service' },
  { path: '/tasks', service: 'task-service' },
  { path: '/labels', service: 'task-service' },
  { path: '/focus', service: 'focus-service' },
  { path: '/habits', service: 'habit-service' },
  { path: '/achievements', service: 'habit-service' },
  { path: '/rewards', service: 'habit-service' },
]
