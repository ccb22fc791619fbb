import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'

// deploy/jaeger/config.yaml: loaded by the Jaeger that `./focushub install` builds (scripts/jaeger.sh), its
// defaults held to .env.example, its copies and mounts held to it, and a span sent to it found stored (the
// sampling is NGINX's: Jaeger keeps every span it receives).

const root = resolve(import.meta.dirname, '../..')
const configFile = join(root, 'deploy/jaeger/config.yaml')
const tools = join(resolve(root, process.env.FOCUSHUB_STATE_DIR ?? '.focushub'), 'tools')
const jaeger = join(tools, 'jaeger/bin/jaeger')
const monitoring = join(root, 'deploy/k8s/monitoring/jaeger')

// biome-ignore lint/suspicious/noExplicitAny: Jaeger's and Kubernetes' YAML documents, checked field by field below
type Document = Record<string, any>

const envExample = new Map(
  [...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map(
    ([, name, value]) => [name, value],
  ),
)
/** The ${env:NAME:-default} of the configuration, as [name, default]. */
const configVariables = [...readFileSync(configFile, 'utf8').matchAll(/\$\{env:([A-Z_]+):-([^}]*)\}/g)].map(
  ([, name, value]) => [name, value] as const,
)

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

beforeAll(() => {
  expect(existsSync(jaeger), `${jaeger} is missing: run ./focushub install`).toBe(true)
})

describe('the configuration', () => {
  it('reads only variables of .env.example, with its values as defaults', () => {
    expect(configVariables.length).toBeGreaterThan(0)
    for (const [name, value] of configVariables) expect(value, name).toBe(envExample.get(name))
  })

  it('passes `jaeger validate`, which rejects a value of the wrong type (the check can fail)', () => {
    const valid = run(jaeger, ['validate', `--config=${configFile}`])
    expect(valid.status, valid.output).toBe(0)
    const invalid = run(jaeger, ['validate', `--config=${configFile}`], { JAEGER_MAX_TRACES: 'ten' })
    expect(invalid.status).not.toBe(0)
    expect(invalid.output).toContain('max_traces')
  })

  it('samples nothing itself: the traces pipeline only limits memory and batches', () => {
    const config = parse(readFileSync(configFile, 'utf8')) as Document
    expect(config.service.pipelines.traces.processors).toEqual(['memory_limiter', 'batch'])
    expect(Object.keys(config.processors)).toEqual(['memory_limiter', 'batch'])
  })

  it('is the file docker-compose.yml mounts and deploy/k8s/monitoring/jaeger copies', () => {
    expect(readFileSync(join(monitoring, 'config.yaml'), 'utf8')).toBe(readFileSync(configFile, 'utf8'))
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Document
    expect(compose.services.jaeger.volumes).toContain('./deploy/jaeger/config.yaml:/etc/jaeger/config.yaml:ro')
    expect(compose.services.jaeger.command).toEqual(['--config=/etc/jaeger/config.yaml'])
    for (const [name, service] of Object.entries(compose.services as Document)) {
      if (service.environment?.METRICS_PORT === '9400')
        expect(service.environment.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://jaeger:4318')
    }
  })

  it('pins the same Jaeger in the local build, docker-compose.yml and deploy/k8s', () => {
    const version = /^JAEGER_VERSION=(\S+)$/m.exec(readFileSync(join(root, 'scripts/jaeger.sh'), 'utf8'))![1]
    const goMod = readFileSync(join(root, 'deploy/jaeger/tool/go.mod'), 'utf8')
    expect(goMod).toMatch(new RegExp(`^\\s+github\\.com/jaegertracing/jaeger ${version.replaceAll('.', '\\.')}`, 'm'))
    // Each release of the Go module (v1.x) is also the image's v2.(x - 63): v1.75.0 is 2.12.0.
    const [, minor, patch] = /^v1\.(\d+)\.(\d+)$/.exec(version)!
    const image = `jaegertracing/jaeger:2.${Number(minor) - 63}.${patch}`
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Document
    expect(compose.services.jaeger.image).toBe(image)
    expect(readFileSync(join(monitoring, 'jaeger.yaml'), 'utf8')).toContain(`image: ${image}\n`)
  })
})

describe('deploy/k8s/monitoring/jaeger', () => {
  let resources: Document[]
  let work: string

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'jaeger-k8s-'))
    // As scripts/test/k8s-manifests.test.ts renders: kubectl's kustomize, or kustomize where kubectl is missing.
    const hasKubectl = run('kubectl', ['version', '--client']).status === 0
    const rendered = hasKubectl
      ? run('kubectl', ['kustomize', monitoring])
      : run(join(tools, 'kustomize/bin/kustomize'), ['build', monitoring])
    expect(rendered.status, rendered.output).toBe(0)
    writeFileSync(join(work, 'jaeger.yaml'), rendered.output)
    resources = parseAllDocuments(rendered.output).map((document) => document.toJS() as Document)
  })

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('validates strictly against the Kubernetes schemas', () => {
    const installScript = readFileSync(join(root, 'scripts/install.sh'), 'utf8')
    const schemaVersion = /^KUBERNETES_SCHEMA_VERSION=(\S+)$/m.exec(installScript)![1]
    const schemas = join(tools, 'k8s-schemas', schemaVersion, '{{ .ResourceKind }}{{ .KindSuffix }}.json')
    const result = run(join(tools, 'kubeconform/bin/kubeconform'), [
      '-strict',
      '-summary',
      '-schema-location',
      schemas,
      join(work, 'jaeger.yaml'),
    ])
    expect(result.status, result.output).toBe(0)
    expect(result.output).toContain(`Valid: ${resources.length}, Invalid: 0, Errors: 0, Skipped: 0`)
  })

  it("is the Service that focushub-config's OTEL_EXPORTER_OTLP_ENDPOINT names, open to every FocusHub pod", () => {
    expect(resources.every((r) => r.metadata.namespace === 'monitoring')).toBe(true)
    const service = resources.find((r) => r.kind === 'Service')!
    const otlp = service.spec.ports.find((p: Document) => p.name === 'otlp-http')
    const focushubEnv = readFileSync(join(root, 'deploy/k8s/base/config/focushub.env'), 'utf8')
    expect(focushubEnv).toContain(
      `\nOTEL_EXPORTER_OTLP_ENDPOINT=http://${service.metadata.name}.${service.metadata.namespace}:${otlp.port}\n`,
    )
    const policy = resources.find((r) => r.kind === 'NetworkPolicy')!.spec
    expect(policy.ingress[0].from).toEqual([
      { namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'focushub' } } },
    ])
    expect(policy.ingress[0].ports).toContainEqual({ protocol: 'TCP', port: otlp.port })
  })

  it('runs one pod, replaced rather than rolled, holding its memory limiter under the container limit', () => {
    const deployment = resources.find((r) => r.kind === 'Deployment')!
    expect(deployment.spec.replicas).toBe(1)
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' })
    const [container] = deployment.spec.template.spec.containers
    const heapMiB = Number(container.env.find((e: Document) => e.name === 'JAEGER_MEMORY_LIMIT_MIB').value)
    expect(Number.parseInt(container.resources.limits.memory, 10)).toBeGreaterThan(heapMiB)
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    })
  })
})

/** A port nothing listens on now. */
async function freePort() {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

/** A Jaeger of the configuration on ports of its own, otherwise at .env.example's defaults, once it answers. */
async function startJaeger() {
  const [http, grpc, ui, queryGrpc] = [await freePort(), await freePort(), await freePort(), await freePort()]
  const api = `http://127.0.0.1:${ui}`
  const child = spawn(jaeger, [`--config=${configFile}`], {
    env: {
      ...process.env,
      JAEGER_OTLP_HTTP_PORT: String(http),
      JAEGER_OTLP_GRPC_PORT: String(grpc),
      JAEGER_UI_PORT: String(ui),
      JAEGER_QUERY_GRPC_PORT: String(queryGrpc),
    },
    stdio: 'ignore',
  })
  running.push(child)
  const deadline = Date.now() + 15_000
  while (
    !(await fetch(`${api}/api/services`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`Jaeger did not answer at ${api}`)
    await sleep(100)
  }

  /** Sends one span, as a trace of its own, and gives its trace id. */
  async function sendSpan(durationMs: number) {
    const traceId = randomBytes(16).toString('hex')
    const end = BigInt(Date.now()) * 1_000_000n
    const span = {
      traceId,
      spanId: randomBytes(8).toString('hex'),
      name: 'GET /api/v1/tasks',
      kind: 2,
      startTimeUnixNano: String(end - BigInt(durationMs) * 1_000_000n),
      endTimeUnixNano: String(end),
      status: { code: 1 },
    }
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'jaeger-config-test' } }] }
    const response = await fetch(`http://127.0.0.1:${http}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ spans: [span] }] }] }),
    })
    expect(response.status).toBe(200)
    return traceId
  }

  /** 200 once Jaeger holds the trace, 404 before. */
  const stored = (traceId: string) => fetch(`${api}/api/traces/${traceId}`).then((r) => r.status)

  return { sendSpan, stored }
}

const running: ChildProcess[] = []

afterAll(() => {
  for (const child of running) child.kill('SIGTERM')
})

describe('storing, on a Jaeger of its own', () => {
  it('stores a quick, successful span it receives, within seconds', async () => {
    const own = await startJaeger()
    const traceId = await own.sendSpan(20)
    const deadline = Date.now() + 10_000
    while ((await own.stored(traceId)) !== 200) {
      expect(Date.now(), 'the span stored within 10 s').toBeLessThan(deadline)
      await sleep(250)
    }
  }, 30_000)
})
