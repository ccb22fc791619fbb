import type { FastifyInstance } from 'fastify'
import type { StorageConfig } from './config.ts'
import { createObjectStorage, type ObjectStorage } from './object-storage.ts'

/** The storage S3_* configures, logging through the app's logger and closed with the app. */
export function appStorage(app: FastifyInstance, config: StorageConfig): ObjectStorage {
  // app.log is pino's logger, typed by Fastify without the fields the storage's pino type asks for.
  const storage = createObjectStorage(config, app.log as Parameters<typeof createObjectStorage>[1])
  app.addHook('onClose', () => storage.close())
  return storage
}
