import type { FastifyInstance, FastifyPluginOptions } from 'fastify'
import fp from 'fastify-plugin'

/** What a job plugin starts and stops: a background job, or a few of them behind one face. */
export interface Startable {
  start(): void | Promise<void>
  stop(): Promise<void>
}

/**
 * Wraps a background job as a named Fastify plugin that owns its life: it starts when the app is
 * ready (a start that answers a promise holds `ready` until it settles) and stops when the app
 * closes, waiting for its running pass. onClose hooks run last-added first, so a job registered
 * after the database it uses stops before that database closes. `create` may answer undefined
 * when the job is switched off.
 */
export function jobPlugin<Options extends FastifyPluginOptions>(
  name: string,
  create: (app: FastifyInstance, options: Options) => Startable | undefined,
) {
  return fp<Options>(
    async (app, options) => {
      const job = create(app, options)
      if (!job) return
      app.addHook('onReady', async () => {
        await job.start()
      })
      app.addHook('onClose', () => job.stop())
    },
    { name },
  )
}
