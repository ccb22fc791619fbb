import { describe, expect, it } from 'vitest'
import type { App } from '../http/create-app.ts'

/** An address where nothing listens: a dependency that is down. */
export const closedAddress = '127.0.0.1:1'

export interface ReadinessContract {
  /** Builds the process's app from environment variables (merged over process.env). */
  build(env: NodeJS.ProcessEnv): Promise<App>
  /** Every dependency /ready reports, all up with the real infrastructure. */
  dependencies: string[]
  /** Variables that point each dependency at a closed address, by dependency name. */
  outages: Record<string, NodeJS.ProcessEnv>
}

/** The /health and /ready contract every FocusHub process keeps, against real infrastructure. */
export function describeReadiness(service: string, contract: ReadinessContract) {
  describe(`${service} health and readiness`, () => {
    it('is live and ready when every dependency answers', async () => {
      const app = await contract.build({ ...process.env })
      try {
        const health = await app.inject('/health')
        expect(health.statusCode).toBe(200)
        const ready = await app.inject('/ready')
        expect(ready.json()).toMatchObject({ status: 'ready', service, down: [] })
        expect(Object.keys(ready.json().checks).sort()).toEqual([...contract.dependencies].sort())
        expect(ready.statusCode).toBe(200)
      } finally {
        await app.close()
      }
    })

    for (const [dependency, env] of Object.entries(contract.outages)) {
      it(`stays live but not ready while ${dependency} is down, naming it`, async () => {
        const app = await contract.build({ ...process.env, ...env })
        try {
          expect((await app.inject('/health')).statusCode).toBe(200)
          const ready = await app.inject('/ready')
          expect(ready.statusCode).toBe(503)
          expect(ready.json()).toMatchObject({ status: 'unavailable', down: [dependency] })
        } finally {
          await app.close()
        }
      })
    }
  })
}
