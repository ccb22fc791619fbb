import { pipeline, type Readable, Transform } from 'node:stream'
import { bodyTooLarge } from './upstream-errors.ts'

/** Declared sizes are refused before any byte is read. */
export function declaredTooLarge(contentLength: string | undefined, limit: number): boolean {
  return contentLength !== undefined && Number(contentLength) > limit
}

/**
 * Streams a request body on to the upstream unbuffered, failing the stream (and so the upstream
 * call) with a 413 once more than `limit` bytes arrived: covers chunked bodies of unknown size.
 */
export function limitedBody(body: Readable, limit: number): Readable {
  let seen = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      done(seen > limit ? bodyTooLarge(limit) : null, chunk)
    },
  })
  return pipeline(body, counter, () => {})
}
