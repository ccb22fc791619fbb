import { flushCompileCache } from 'node:module'
import closeWithGrace from 'close-with-grace'
import { ConfigError } from '../config.ts'
import { flushTracing } from '../tracing/index.ts'
import type { App } from './create-app.ts'

export interface RunOptions {
  port: number
  host: string
  shutdownTimeoutMs: number
}

/**
 * Listens (sharing the port with a replacement, see below), and on SIGTERM/SIGINT stops accepting, lets in-flight requests finish within the
 * bound, runs every onClose hook (pools, clients) and exits.
 */
export async function runServer(build: () => Promise<{ app: App; options: RunOptions }>) {
  let app: App
  let options: RunOptions
  try {
    ;({ app, options } = await build())
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : (error as Error).stack
    process.stderr.write(`${message}\n`)
    process.exit(1)
  }
  closeWithGrace({ delay: options.shutdownTimeoutMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
    // The spans of the last requests, still in the exporter's batch.
    await flushTracing()
  })
  // SO_REUSEPORT: a replacement process can listen on the same port before this one is told to
  // stop, so a rolling restart never leaves the port refusing connections (bench/drills). Fastify's
  // listen options pass it through to net.Server#listen, though its types do not name it.
  const listenOptions = { port: options.port, host: options.host, reusePort: true }
  await app.listen(listenOptions)
  // What a start loads is loaded: keep its compiled code now (NODE_COMPILE_CACHE, scripts/services.sh),
  // not at exit, which a process killed with SIGKILL never reaches.
  flushCompileCache()
}
