import type { ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import { forwardable } from './headers.ts'

/** How one attempt with one upstream ended. */
export type AttemptEnd =
  /** The upstream's answer went to the client (or was cut after its headers: then `cut` says why). */
  | { kind: 'answered'; status: number; cut?: Error }
  /** The upstream answered a status the caller chose to discard; its body was read and dropped. */
  | { kind: 'discarded'; status: number }
  /** No answer: the exchange failed before any response header arrived. */
  | { kind: 'failed'; error: Error & { code?: string } }

/**
 * The undici handler of one client request, reused by its attempts one after the other: the
 * upstream's answer goes straight from undici's callbacks into the client's response, with
 * backpressure, and without a stream, a pipeline or an AbortController in between. It stays
 * the same object across attempts so that a client who leaves aborts whichever one is running.
 */
export class Exchange implements Dispatcher.DispatchHandler {
  readonly #res: ServerResponse
  #controller: Dispatcher.DispatchController | undefined
  #clientGone = false
  #discarding = false
  #forwarding = false
  #status = 0
  /** Told the status once it is known; true drops this answer (to try again elsewhere). */
  #onStatus: (status: number) => boolean = () => false
  #settle: (end: AttemptEnd) => void = () => {}

  constructor(res: ServerResponse) {
    this.#res = res
  }

  get clientGone() {
    return this.#clientGone
  }

  /** The client left before its answer was complete: stops the running attempt, and any later one. */
  clientLeft() {
    this.#clientGone = true
    this.#controller?.abort(new Error('the client closed the connection'))
  }

  /** Sends one attempt through `dispatcher`; resolves once it has ended one way or another. */
  attempt(
    dispatcher: Dispatcher,
    options: Dispatcher.DispatchOptions,
    onStatus: (status: number) => boolean,
  ): Promise<AttemptEnd> {
    this.#controller = undefined
    this.#discarding = false
    this.#forwarding = false
    this.#onStatus = onStatus
    return new Promise((resolve) => {
      this.#settle = resolve
      dispatcher.dispatch(options, this)
    })
  }

  onRequestStart(controller: Dispatcher.DispatchController) {
    this.#controller = controller
    if (this.#clientGone) controller.abort(new Error('the client closed the connection'))
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: Record<string, string | string[] | undefined>,
  ) {
    // Informational answers (103 Early Hints) are dropped, as undici's request() drops them; the final one follows.
    if (status < 200) return
    this.#status = status
    if (this.#onStatus(status)) {
      this.#discarding = true
      return
    }
    this.#forwarding = true
    const res = this.#res
    res.writeHead(status, forwardable(headers))
    // What arrives in this tick (often the whole body, and the end) leaves in one write.
    res.cork()
    process.nextTick(uncork, res)
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer) {
    if (this.#discarding) return
    const res = this.#res
    if (!res.write(chunk) && !controller.paused) {
      controller.pause()
      res.once('drain', () => controller.resume())
    }
  }

  onResponseEnd() {
    if (this.#discarding) return this.#settle({ kind: 'discarded', status: this.#status })
    this.#res.end()
    this.#settle({ kind: 'answered', status: this.#status })
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error) {
    if (this.#discarding) return this.#settle({ kind: 'discarded', status: this.#status })
    if (!this.#forwarding) return this.#settle({ kind: 'failed', error })
    // Cut after the headers went out: the client can only learn it from a connection that ends early.
    this.#res.destroy()
    this.#settle({ kind: 'answered', status: this.#status, cut: error })
  }
}

function uncork(res: ServerResponse) {
  if (res.writableCorked > 0) res.uncork()
}
