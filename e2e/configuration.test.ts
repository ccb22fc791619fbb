import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const entryPoints: Record<string, { file: string; variable: string }> = {
  'auth-service': { file: 'auth-service/src/server.ts', variable: 'AUTH_SERVICE_PORT' },
  'task-service': { file: 'task-service/src/server.ts', variable: 'TASK_DATABASE_URL' },
  'focus-service': { file: 'focus-service/src/server.ts', variable: 'KAFKA_BROKERS' },
  'habit-service': { file: 'habit-service/src/server.ts', variable: 'HABIT_SERVICE_PORT' },
  'notification-service': { file: 'notification-service/src/server.ts', variable: 'NOTIFICATION_DATABASE_URL' },
  'social-service': { file: 'social-service/src/server.ts', variable: 'SOCIAL_DATABASE_URL' },
  gateway: { file: 'gateway/src/server.ts', variable: 'UPSTREAM_TIMEOUT_MS' },
  'load-balancer': { file: 'load-balancer/src/server.ts', variable: 'LB_UPSTREAMS' },
}

describe('a malformed variable stops the process at start', () => {
  for (const [name, { file, variable }] of Object.entries(entryPoints)) {
    it(`${name} refuses ${variable}=not valid, naming it`, () => {
      const result = spawnSync(process.execPath, [file], {
        env: { ...process.env, [variable]: 'not valid', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 20_000,
      })
      expect(result.status).toBe(1)
      expect(result.stderr).toContain(`${variable}="not valid" is invalid`)
      expect(result.stderr).not.toMatch(/\bat .+\.ts:\d+/)
    })
  }
})
