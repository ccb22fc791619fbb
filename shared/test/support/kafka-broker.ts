import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// The jars and logging settings `./focushub install` put in place for the stack's own Kafka.
const root = fileURLToPath(new URL('../../../', import.meta.url))
const libs = join(resolve(root, process.env.FOCUSHUB_STATE_DIR ?? '.focushub'), 'kafka', 'libs')
const log4j = join(root, 'scripts', 'kafka', 'log4j.properties')
const jvm = ['-Xmx256m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${log4j}`, '-cp', `${libs}/*`]

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function answers(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = new Socket()
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false))
    socket.connect(port, '127.0.0.1')
  }).finally(() => {})
}

/**
 * A throwaway single-node KRaft broker on free ports with its own data folder: tests stop and
 * restart it without touching the Kafka other suites share.
 */
export async function startOwnBroker() {
  const dir = await mkdtemp(join(tmpdir(), 'focushub-kafka-'))
  const [port, controller] = [await freePort(), await freePort()]
  const properties = join(dir, 'server.properties')
  await writeFile(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controller}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=3',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'auto.create.topics.enable=false',
      'group.initial.rebalance.delay.ms=0',
    ].join('\n'),
  )
  const java = (args: string[]) => execFileSync('java', [...jvm, ...args], { encoding: 'utf8' }).trim()
  const clusterId = java(['kafka.tools.StorageTool', 'random-uuid'])
  java(['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties])

  let process_: ChildProcess | undefined
  const broker = {
    address: `127.0.0.1:${port}`,
    async start() {
      process_ = spawn('java', [...jvm, 'kafka.Kafka', properties], { stdio: 'ignore' })
      for (let i = 0; i < 300 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100))
    },
    async stop() {
      const running = process_
      process_ = undefined
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
    async destroy() {
      await broker.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  await broker.start()
  return broker
}
