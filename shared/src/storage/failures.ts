import type { FastifyBaseLogger } from 'fastify'
import { errors } from '../errors.ts'
import { isDependencyUnavailable } from '../http/unavailable.ts'

/** What the storage logs: an outage (warn), a bucket it created (info). */
export type StorageLog = Pick<FastifyBaseLogger, 'info' | 'warn'>

interface SdkError {
  name?: string
  $metadata?: { httpStatusCode?: number }
}

const statusOf = (error: unknown) => (error as SdkError).$metadata?.httpStatusCode

/** No such object or bucket (a HEAD's 404 has no body, so no S3 code to go by). */
export function isStorageMissing(error: unknown) {
  const name = (error as SdkError).name
  return statusOf(error) === 404 || name === 'NotFound' || name === 'NoSuchKey' || name === 'NoSuchBucket'
}

/** Refused or dropped connections, timeouts, and the storage's own 5xx (SlowDown, InternalError…). */
function isStorageUnavailable(error: unknown) {
  if (isDependencyUnavailable(error)) return true
  const name = (error as SdkError).name
  if (name === 'TimeoutError' || name === 'RequestTimeout') return true
  return (statusOf(error) ?? 0) >= 500
}

/**
 * What a failed storage call throws: an outage is the shared 503 problem (the client may retry), a
 * missing object a 404, anything else (a refused signature, a misconfigured bucket) stays an error.
 */
export function storageFailure(error: unknown, operation: string, log?: StorageLog) {
  if (isStorageUnavailable(error)) {
    log?.warn({ err: error }, `object storage unavailable: could not ${operation}`)
    return errors.unavailable('The attachment storage is unavailable; try again shortly')
  }
  if (isStorageMissing(error)) return errors.notFound('No such stored object')
  return error
}
