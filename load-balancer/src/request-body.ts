import type { IncomingMessage } from 'node:http'

export function hasBody(request: IncomingMessage) {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0
}

/**
 * The client's request body, streamed to the upstream as undici pulls it. Until undici pulls
 * a first chunk it can go to another upstream untouched; a retriable request also keeps a copy
 * of what it sent, up to `keepBytes`, so that a small body can be sent once more. Nothing larger
 * is ever held: such a request is only retried when it never reached an upstream.
 */
export class RequestBody {
  readonly #request: IncomingMessage
  readonly #keepBytes: number
  readonly #present: boolean
  #chunks: Buffer[] = []
  #kept = 0
  #started = false
  #complete = false

  constructor(request: IncomingMessage, keepBytes: number) {
    this.#request = request
    this.#present = hasBody(request)
    const declared = Number(request.headers['content-length'] ?? 0)
    this.#keepBytes = declared > keepBytes ? 0 : keepBytes
  }

  /** Whether another attempt can send this body in full. */
  get resendable() {
    if (!this.#present || !this.#started) return true
    return this.#complete && this.#keepBytes > 0 && this.#kept <= this.#keepBytes
  }

  /** What undici sends for the next attempt; call only when `resendable`. */
  source(): AsyncIterable<Buffer> | Buffer | undefined {
    if (!this.#present) return undefined
    if (this.#started) return Buffer.concat(this.#chunks)
    return this.#stream()
  }

  async *#stream() {
    this.#started = true
    // Not destroyed when undici stops pulling: the client's socket must outlive a failed attempt.
    for await (const chunk of this.#request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (this.#kept + chunk.length <= this.#keepBytes) this.#chunks.push(chunk)
      else this.#chunks = []
      this.#kept += chunk.length
      yield chunk
    }
    this.#complete = true
  }
}
