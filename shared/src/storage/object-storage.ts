import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { ConfigError } from '../config.ts'
import type { StorageConfig } from './config.ts'
import { contentDispositionOf } from './content-disposition.ts'
import { isStorageMissing, type StorageLog, storageFailure } from './failures.ts'

export interface PresignedPut {
  url: string
  /** What the client must send with the PUT (the body must be exactly the announced length). */
  headers: Record<string, string>
  expiresAt: Date
}

export interface ObjectStorage {
  /** A presigned PUT for exactly this key, content type and length, valid expiresInSeconds. headers: what the client must send. */
  presignPut(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedPut>
  /** A presigned GET answering Content-Disposition attachment with a safe file name (RFC 6266 filename*), or inline for thumbnails. */
  presignGet(
    key: string,
    options: { fileName: string; contentType: string; disposition: 'attachment' | 'inline'; expiresInSeconds: number },
  ): Promise<{ url: string; expiresAt: Date }>
  /** The object's size, type and ETag (which changes when it is written again); null when there is none. */
  head(key: string): Promise<{ size: number; contentType: string | undefined; etag: string } | null>
  /**
   * Copies an object inside the storage (no byte passes through this process), only while its ETag is
   * still `ifMatch`: answers false when it was written again since.
   */
  copy(from: string, to: string, options: { ifMatch: string }): Promise<boolean>
  /** The first `bytes` bytes (fewer when the object is shorter), for content sniffing. */
  readStart(key: string, bytes: number): Promise<Buffer>
  read(key: string): Promise<Buffer>
  write(key: string, body: Buffer, contentType: string): Promise<void>
  /** Absent keys are fine. */
  remove(keys: string[]): Promise<void>
  /** Creates the bucket, private (S3's default: no public grants), when it does not exist. */
  ensureBucket(): Promise<void>
  close(): void
}

/** DeleteObjects takes at most this many keys per request. */
const deleteBatch = 1000

/**
 * An outage must fail a request in seconds, not hold it: short socket timeouts, and the SDK's own
 * bounded retries (standard mode, with backoff) for what is worth retrying.
 */
const clientTimeouts = { connectionTimeout: 2000, requestTimeout: 5000 }
const maxAttempts = 2

export function createObjectStorage(config: StorageConfig, log?: StorageLog): ObjectStorage {
  const bucket = config.S3_BUCKET
  const client = new S3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
    maxAttempts,
    retryMode: 'standard',
    requestHandler: clientTimeouts,
    // Checksums only where the API requires them: a default checksum would be part of a presigned
    // PUT's signature (no browser sends it), and not every S3-compatible service knows the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const publicUrl = publicUrlOf(config)

  async function guarded<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw storageFailure(error, operation, log)
    }
  }

  async function getBytes(key: string, range?: string) {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }))
    return Buffer.from((await answer.Body?.transformToByteArray()) ?? [])
  }

  return {
    presignPut: (key, { contentType, contentLength, expiresInSeconds }) =>
      guarded('presign a PUT', async () => {
        const command = new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          ContentType: contentType,
          ContentLength: contentLength,
        })
        // Signed headers, not query parameters: a PUT of another type or length does not match the signature.
        const url = await getSignedUrl(client, command, {
          expiresIn: expiresInSeconds,
          signableHeaders: new Set(['content-type', 'content-length']),
        })
        return { url: publicUrl(url), headers: { 'Content-Type': contentType }, expiresAt: expiry(expiresInSeconds) }
      }),

    presignGet: (key, { fileName, contentType, disposition, expiresInSeconds }) =>
      guarded('presign a GET', async () => {
        const command = new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: contentDispositionOf(fileName, disposition),
          ResponseContentType: contentType,
        })
        const url = await getSignedUrl(client, command, { expiresIn: expiresInSeconds })
        return { url: publicUrl(url), expiresAt: expiry(expiresInSeconds) }
      }),

    head: (key) =>
      guarded('read an object’s metadata', async () => {
        try {
          const answer = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
          return { size: answer.ContentLength ?? 0, contentType: answer.ContentType, etag: answer.ETag ?? '' }
        } catch (error) {
          if (isStorageMissing(error)) return null
          throw error
        }
      }),

    readStart: (key, bytes) =>
      guarded('read an object', async () => {
        try {
          return await getBytes(key, `bytes=0-${bytes - 1}`)
        } catch (error) {
          // A range of an empty object is unsatisfiable (416): it starts with nothing.
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416) {
            return Buffer.alloc(0)
          }
          throw error
        }
      }),

    read: (key) => guarded('read an object', () => getBytes(key)),

    copy: (from, to, { ifMatch }) =>
      guarded('copy an object', async () => {
        try {
          await client.send(
            new CopyObjectCommand({
              Bucket: bucket,
              Key: to,
              CopySource: `${bucket}/${encodeURI(from)}`,
              CopySourceIfMatch: ifMatch,
            }),
          )
          return true
        } catch (error) {
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) return false
          throw error
        }
      }),

    write: (key, body, contentType) =>
      guarded('write an object', async () => {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            ContentLength: body.length,
          }),
        )
      }),

    remove: (keys) =>
      guarded('delete objects', async () => {
        for (let start = 0; start < keys.length; start += deleteBatch) {
          const batch = keys.slice(start, start + deleteBatch)
          const answer = await client.send(
            new DeleteObjectsCommand({
              Bucket: bucket,
              Delete: { Objects: batch.map((key) => ({ Key: key })), Quiet: true },
            }),
          )
          const failed = answer.Errors ?? []
          if (failed.length > 0) {
            throw new Error(
              `the storage kept ${failed.length} of ${batch.length} objects: ${failed[0]?.Code} ${failed[0]?.Message}`,
            )
          }
        }
      }),

    ensureBucket: () =>
      guarded('create the bucket', async () => {
        try {
          await client.send(new HeadBucketCommand({ Bucket: bucket }))
          return
        } catch (error) {
          if (!isStorageMissing(error)) throw error
        }
        try {
          await client.send(new CreateBucketCommand({ Bucket: bucket }))
          log?.info({ bucket }, 'created the attachments bucket')
        } catch (error) {
          // Another process created it between the two calls.
          if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error
        }
      }),

    close: () => client.destroy(),
  }
}

const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000)

/**
 * URLs are signed for the internal endpoint; clients get the same path and query under the public
 * origin (or, for a path, under whichever origin they called), whose proxy (NGINX's /storage/) sends
 * them on with the Host the signature covers.
 */
function publicUrlOf(config: StorageConfig) {
  if (config.S3_PUBLIC_URL === '') return (signed: string) => signed
  if (!config.S3_FORCE_PATH_STYLE) {
    throw new ConfigError([
      'S3_PUBLIC_URL needs S3_FORCE_PATH_STYLE=true: a virtual-host URL names the bucket in its host, which the proxy drops',
    ])
  }
  const base = config.S3_PUBLIC_URL.replace(/\/+$/, '')
  const endpointPath = new URL(config.S3_ENDPOINT).pathname.replace(/\/+$/, '')
  return (signed: string) => {
    const url = new URL(signed)
    return `${base}${url.pathname.slice(endpointPath.length)}${url.search}`
  }
}
