import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'

// deploy/k8s rendered with kustomize and validated by kubeconform against the Kubernetes schemas and the CRD
// schemas of CloudNativePG and Strimzi, then held to the policies of deploy/k8s/README.md. The tools come from
// `./focushub install` (scripts/install.sh, ensure_k8s_tools).

const root = resolve(import.meta.dirname, '../..')
const k8s = join(root, 'deploy/k8s')
const tools = join(resolve(root, process.env.FOCUSHUB_STATE_DIR ?? '.focushub'), 'tools')
const installScript = readFileSync(join(root, 'scripts/install.sh'), 'utf8')
const schemaVersion = /^KUBERNETES_SCHEMA_VERSION=(\S+)$/m.exec(installScript)![1]
const kubeconform = join(tools, 'kubeconform/bin/kubeconform')

const overlays = { dev: 'dev', prod: '0.1.0' } as const
type Overlay = keyof typeof overlays

const nodeProcesses = {
  'auth-service': 3001,
  'task-service': 3002,
  'focus-service': 3003,
  'habit-service': 3004,
  'notification-service': 3005,
  'social-service': 3006,
  gateway: 3000,
  'load-balancer': 8080,
}
const services = Object.keys(nodeProcesses).filter((name) => name.endsWith('-service'))

// biome-ignore lint/suspicious/noExplicitAny: rendered Kubernetes objects, checked field by field below
type Resource = Record<string, any>

/** Names and values of an env file (.env.example, the overlays' files). */
function envFile(path: string) {
  const entries = [...readFileSync(path, 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)]
  return new Map(entries.map(([, name, value]) => [name, value.replace(/^"(.*)"$/, '$1')]))
}
const envExample = envFile(join(root, '.env.example'))
const secretNames = [...envFile(join(k8s, 'secrets.env.example')).keys()]

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, error: result.error }
}

function kustomize(dir: string) {
  const hasKubectl = run('kubectl', ['version', '--client']).status === 0
  const result = hasKubectl
    ? run('kubectl', ['kustomize', dir])
    : run(join(tools, 'kustomize/bin/kustomize'), ['build', dir])
  if (result.status !== 0) throw new Error(`kustomize ${dir} failed: ${result.error ?? result.stderr}`)
  return result.stdout
}

let work: string
const rendered = {} as Record<Overlay, { file: string; resources: Resource[] }>

beforeAll(() => {
  // The overlays read git-ignored files (secrets.env, the signing keys): render a copy that has them.
  work = mkdtempSync(join(tmpdir(), 'k8s-manifests-'))
  cpSync(k8s, join(work, 'k8s'), { recursive: true })
  for (const overlay of Object.keys(overlays) as Overlay[]) {
    const dir = join(work, 'k8s/overlays', overlay)
    cpSync(join(k8s, 'secrets.env.example'), join(dir, 'secrets.env'))
    mkdirSync(join(dir, 'auth-keys'), { recursive: true })
    for (const key of ['current', 'previous']) writeFileSync(join(dir, `auth-keys/${key}.jwk.json`), '{}\n')
    const yaml = kustomize(dir)
    const file = join(work, `${overlay}.yaml`)
    writeFileSync(file, yaml)
    rendered[overlay] = { file, resources: parseAllDocuments(yaml).map((document) => document.toJS() as Resource) }
  }
}, 60_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

const find = (overlay: Overlay, kind: string, name?: string) =>
  rendered[overlay].resources.filter((r) => r.kind === kind && (name === undefined || r.metadata.name === name))
const one = (overlay: Overlay, kind: string, name: string) => {
  const [resource] = find(overlay, kind, name)
  expect(resource, `${kind} ${name}`).toBeDefined()
  return resource
}
/** The generated ConfigMap's data (its name carries kustomize's hash). */
const config = (overlay: Overlay) =>
  find(overlay, 'ConfigMap').find((r) => r.metadata.name.startsWith('focushub-config-'))!.data as Record<string, string>

describe('kubeconform', () => {
  it('validates every resource of every overlay strictly, CRDs included, with nothing skipped', () => {
    expect(existsSync(kubeconform), `${kubeconform} is missing: run ./focushub install`).toBe(true)
    const files = Object.values(rendered).map((r) => r.file)
    const result = run(kubeconform, [
      '-strict',
      '-summary',
      '-output',
      'json',
      '-schema-location',
      join(tools, 'k8s-schemas', schemaVersion, '{{ .ResourceKind }}{{ .KindSuffix }}.json'),
      '-schema-location',
      join(k8s, 'schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'),
      ...files,
    ])
    const report = JSON.parse(result.stdout) as {
      resources: { kind: string; name: string; status: string; msg: string }[]
      summary: { valid: number; invalid: number; errors: number; skipped: number }
    }
    expect(report.resources.filter((r) => r.status !== 'statusValid')).toEqual([])
    const total = Object.values(rendered).reduce((sum, r) => sum + r.resources.length, 0)
    expect(report.summary).toEqual({ valid: total, invalid: 0, errors: 0, skipped: 0 })
    expect(result.status).toBe(0)
    // ~3 s on a quiet machine: kubeconform compiles the schemas of every kind once (CRDs of ~0.5 MB)
  }, 60_000)

  it('rejects a manifest with a field its schema does not know (the check can fail)', () => {
    const broken = join(work, 'broken.yaml')
    const deployment = structuredClone(one('dev', 'Deployment', 'gateway'))
    deployment.spec.template.spec.containers[0].readinessprobe = {}
    writeFileSync(broken, JSON.stringify(deployment))
    const schemas = join(tools, 'k8s-schemas', schemaVersion, '{{ .ResourceKind }}{{ .KindSuffix }}.json')
    const result = run(kubeconform, ['-strict', '-schema-location', schemas, broken])
    expect(result.status).toBe(1)
    expect(result.stdout).toContain("'readinessprobe' not allowed")
  })
})

describe.each(Object.keys(overlays) as Overlay[])('overlay %s', (overlay) => {
  const deployment = (name: string) => one(overlay, 'Deployment', name)
  const workloads = () => [...find(overlay, 'Deployment'), ...find(overlay, 'StatefulSet')]

  it.each(Object.entries(nodeProcesses))('runs %s (:%i) as required', (name, port) => {
    const d = deployment(name)
    const pod = podSpec(d)
    const [container] = pod.containers
    expect(d.spec.replicas).toBeGreaterThanOrEqual(2)
    expect(container.image).toBe(`focushub/${name}:${overlays[overlay]}`)
    expect(container.ports).toEqual([
      { name: 'http', containerPort: port },
      { name: 'metrics', containerPort: Number(config(overlay).METRICS_PORT) },
    ])
    expect(d.spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': config(overlay).METRICS_PORT,
      'prometheus.io/path': '/metrics',
    })
    expect(config(overlay).METRICS_HOST).toBe('0.0.0.0')
    expect(container.env.find((e: Resource) => e.name === 'METRICS_INSTANCE').valueFrom.fieldRef).toEqual({
      fieldPath: 'metadata.name',
    })
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' })
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' })
    expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' })
    for (const kind of ['requests', 'limits'])
      expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory'])
    expect(pod.topologySpreadConstraints.map((c: Resource) => c.topologyKey)).toEqual([
      'topology.kubernetes.io/zone',
      'kubernetes.io/hostname',
    ])
    // Endpoints drop the pod during preStop; the process then drains for SHUTDOWN_TIMEOUT_MS (+2 s the balancer's hang bound).
    const drainMs =
      container.lifecycle.preStop.sleep.seconds * 1000 + Number(config(overlay).SHUTDOWN_TIMEOUT_MS) + 2000
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(drainMs)
  })

  it('runs every container non-root on a read-only root file system, without capabilities or a token', () => {
    for (const workload of workloads()) {
      const pod = podSpec(workload)
      const where = `${workload.kind} ${workload.metadata.name}`
      expect(pod.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      })
      expect(pod.automountServiceAccountToken, where).toBe(false)
      expect(one(overlay, 'ServiceAccount', pod.serviceAccountName).automountServiceAccountToken, where).toBe(false)
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(container.securityContext, `${where} ${container.name}`).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        })
        expect(Object.keys(container.resources ?? {}).sort(), `${where} ${container.name}`).toEqual([
          'limits',
          'requests',
        ])
      }
    }
  })

  it('gives every Deployment a PodDisruptionBudget and a HorizontalPodAutoscaler of at least 2', () => {
    const deployments = find(overlay, 'Deployment')
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...Object.keys(nodeProcesses), 'nginx'].sort())
    for (const d of deployments) {
      const name = d.metadata.name
      expect(one(overlay, 'PodDisruptionBudget', name).spec.selector).toEqual(d.spec.selector)
      const hpa = one(overlay, 'HorizontalPodAutoscaler', name).spec
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name })
      expect(hpa.minReplicas).toBeGreaterThanOrEqual(2)
      expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas)
    }
  })

  it('configures with the names of .env.example, secrets only from the generated Secret', () => {
    // Set per process, never given a default there (its metrics block names them): the metrics listener's port
    // (the local stack derives each from METRICS_PORT_BASE) and the instance label (here the pod's name).
    const perProcess = new Set(['METRICS_PORT', 'METRICS_INSTANCE'])
    const unknown = (names: string[]) => names.filter((name) => !envExample.has(name) && !perProcess.has(name))
    expect(unknown(Object.keys(config(overlay)))).toEqual([])
    expect(unknown(secretNames)).toEqual([])
    const secret = find(overlay, 'Secret').find((r) => r.metadata.name.startsWith('focushub-secrets-'))!
    expect(Object.keys(secret.data).sort()).toEqual([...secretNames].sort())
    for (const name of Object.keys(nodeProcesses)) {
      const [container] = podSpec(deployment(name)).containers
      expect(unknown(container.env.map((e: Resource) => e.name)), name).toEqual([])
      for (const { valueFrom } of container.env.filter((e: Resource) => e.valueFrom?.secretKeyRef)) {
        const ref = valueFrom.secretKeyRef
        if (ref.name.startsWith('focushub-secrets')) expect(secretNames, name).toContain(ref.key)
        else expect(ref, name).toMatchObject({ name: expect.stringMatching(/-postgres-app$/), key: 'uri' })
      }
    }
  })

  it('gives each service its own CloudNativePG cluster with the database and owner of .env.example', () => {
    for (const service of services) {
      const prefix = service.replace('-service', '').toUpperCase()
      const url = new URL(envExample.get(`${prefix}_DATABASE_URL`)!)
      const cluster = one(overlay, 'Cluster', `${service.replace('-service', '')}-postgres`)
      expect(cluster.spec.bootstrap.initdb).toEqual({ database: url.pathname.slice(1), owner: url.username })
      const env = podSpec(deployment(service)).containers[0].env
      expect(env.find((e: Resource) => e.name === `${prefix}_DATABASE_URL`).valueFrom.secretKeyRef).toEqual({
        name: `${cluster.metadata.name}-app`,
        key: 'uri',
      })
    }
    expect(find(overlay, 'Cluster')).toHaveLength(services.length)
  })

  it("creates docs/events.md's topics and dead-letter topics with their partitions and retention", () => {
    const docs = readFileSync(join(root, 'docs/events.md'), 'utf8')
    const topics = [...docs.matchAll(/Dead letters: `([^`]+)\.dlq`/g)].flatMap(([, topic]) => [topic, `${topic}.dlq`])
    expect(topics).toHaveLength(12)
    const declared = find(overlay, 'KafkaTopic')
    expect(declared.map((t) => t.metadata.name).sort()).toEqual(topics.sort())
    for (const topic of declared) {
      expect(topic.metadata.labels['strimzi.io/cluster']).toBe('focushub')
      expect(topic.spec.partitions).toBe(Number(envExample.get('KAFKA_TOPIC_PARTITIONS')))
      expect(topic.spec.config['retention.ms']).toBe(168 * 3600 * 1000)
    }
    const kafka = one(overlay, 'Kafka', 'focushub')
    expect(config(overlay).KAFKA_BROKERS).toBe('focushub-kafka-bootstrap:9092')
    expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false)
    expect(one(overlay, 'KafkaNodePool', 'dual-role').spec.roles).toEqual(['controller', 'broker'])
  })

  describe('network policies', () => {
    const policyOf = (name: string) => one(overlay, 'NetworkPolicy', name).spec
    /** What a peer names: an app, a database cluster, Kafka, a namespace, or anything (no selector). */
    const peer = (p: Resource) =>
      p.podSelector?.matchLabels?.['app.kubernetes.io/name'] ??
      p.podSelector?.matchLabels?.['cnpg.io/cluster'] ??
      (p.podSelector?.matchLabels?.['strimzi.io/cluster'] ? 'kafka' : undefined) ??
      `namespace ${p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']}`
    const from = (name: string) => new Set(policyOf(name).ingress.flatMap((rule: Resource) => rule.from.map(peer)))
    const to = (name: string) =>
      new Set(policyOf(name).egress.flatMap((rule: Resource) => (rule.to ? rule.to.map(peer) : ['anywhere'])))

    it('denies everything to and from every FocusHub pod unless allowed, and labels every pod for it', () => {
      expect(policyOf('default-deny')).toEqual({
        podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'focushub' } },
        policyTypes: ['Ingress', 'Egress'],
      })
      for (const workload of workloads()) {
        expect(workload.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('focushub')
      }
    })

    it('lets only the gateway reach the services, plus the internal calls that exist', () => {
      const callers: Record<string, string[]> = {
        'auth-service': [
          'gateway',
          'task-service',
          'focus-service',
          'habit-service',
          'notification-service',
          'social-service',
        ],
        'task-service': ['gateway', 'notification-service'],
        'focus-service': ['gateway', 'notification-service'],
        'habit-service': ['gateway', 'notification-service'],
        'notification-service': ['gateway'],
        'social-service': ['gateway'],
      }
      for (const service of services) expect(from(service), service).toEqual(new Set(callers[service]))
      expect(from('gateway')).toEqual(new Set(['load-balancer']))
      expect(from('load-balancer')).toEqual(new Set(['nginx', 'namespace ingress-nginx']))
      expect(from('redis')).toEqual(new Set(['gateway', 'auth-service']))
      // No other policy opens a service's port
      const selected = find(overlay, 'NetworkPolicy').map(
        (p) => p.spec.podSelector.matchLabels['app.kubernetes.io/name'],
      )
      for (const service of services)
        expect(
          selected.filter((name) => name === service),
          service,
        ).toHaveLength(1)
    })

    it('lets only the monitoring namespace in to the metrics port, which only the Node processes declare', () => {
      const policy = policyOf('allow-metrics-scrape')
      expect(policy.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/part-of': 'focushub' } })
      expect(policy.policyTypes).toEqual(['Ingress'])
      expect(from('allow-metrics-scrape')).toEqual(new Set(['namespace monitoring']))
      expect(policy.ingress.flatMap((rule: Resource) => rule.ports)).toEqual([{ protocol: 'TCP', port: 'metrics' }])
      const declaring = workloads().filter((w) =>
        podSpec(w).containers.some((c: Resource) => c.ports?.some((p: Resource) => p.name === 'metrics')),
      )
      expect(declaring.map((w) => w.metadata.name).sort()).toEqual(Object.keys(nodeProcesses).sort())
    })

    it('lets each service reach only its database, Kafka, Redis where it uses it, and the services it calls', () => {
      const calls: Record<string, string[]> = {
        'auth-service': ['redis'],
        'task-service': ['auth-service'],
        'focus-service': ['auth-service'],
        'habit-service': ['auth-service'],
        'notification-service': ['auth-service', 'task-service', 'focus-service', 'habit-service', 'anywhere'],
        'social-service': ['auth-service'],
      }
      for (const service of services) {
        const database = `${service.replace('-service', '')}-postgres`
        expect(to(service), service).toEqual(new Set([database, 'kafka', ...calls[service]]))
        expect(from(database), database).toEqual(new Set([service, database, 'namespace cnpg-system']))
      }
      const notification = policyOf('notification-service').egress.find((rule: Resource) => !rule.to)
      expect(notification.ports.map((p: Resource) => p.port)).toEqual([25, 465, 587])
      expect(to('gateway')).toEqual(new Set([...services, 'redis', 'kafka']))
      expect(to('load-balancer')).toEqual(new Set(['gateway']))
      expect(to('nginx')).toEqual(new Set(['load-balancer']))
      const listener = one(overlay, 'Kafka', 'focushub').spec.kafka.listeners[0]
      expect(listener.networkPolicyPeers).toEqual([
        { podSelector: { matchLabels: { 'focushub.io/kafka-client': 'true' } } },
      ])
      const kafkaClients = find(overlay, 'Deployment').filter(
        (d) => d.spec.template.metadata.labels['focushub.io/kafka-client'] === 'true',
      )
      expect(kafkaClients.map((d) => d.metadata.name).sort()).toEqual([...services, 'gateway'].sort())
    })
  })
})

describe('edge', () => {
  it('routes ingress-nginx to the balancer in prod, and keeps the plain NGINX in front of it everywhere', () => {
    const ingress = one('prod', 'Ingress', 'focushub')
    expect(ingress.spec.ingressClassName).toBe('nginx')
    const paths = ingress.spec.rules[0].http.paths.map((p: Resource) => [p.path, p.backend.service.name])
    expect(paths).toEqual([
      ['/api/', 'load-balancer'],
      ['/', 'nginx'],
    ])
    expect(find('dev', 'Ingress')).toEqual([])
    for (const overlay of Object.keys(overlays) as Overlay[]) {
      const [nginx] = podSpec(one(overlay, 'Deployment', 'nginx')).containers
      expect(nginx.image).toBe(`focushub/web:${overlays[overlay]}`)
      const env = nginx.env
      expect(env.find((e: Resource) => e.name === 'LB_SERVERS').value).toBe('server load-balancer:8080 max_fails=0;')
      expect(config(overlay).LB_UPSTREAMS).toBe('http://gateway:3000')
    }
  })

  it("keeps the copies of the repository's NGINX template and Redis ACL script equal to them", () => {
    const same = (copy: string, original: string) =>
      expect(readFileSync(join(k8s, copy), 'utf8'), copy).toBe(readFileSync(join(root, original), 'utf8'))
    same('base/nginx/focushub.conf.template', 'nginx/focushub.conf.template')
    same('base/redis/redis-acl.sh', 'scripts/redis-acl.sh')
  })

  it('never commits a secret value: the overlays read git-ignored files', () => {
    for (const overlay of Object.keys(overlays)) {
      for (const path of ['secrets.env', 'auth-keys/current.jwk.json']) {
        const ignored = run('git', ['-C', root, 'check-ignore', '-q', `deploy/k8s/overlays/${overlay}/${path}`])
        expect(ignored.status, `${overlay}/${path}`).toBe(0)
      }
    }
    expect([...envFile(join(k8s, 'secrets.env.example')).values()].every((value) => value === '')).toBe(true)
    const committed = run('git', ['-C', root, 'ls-files', '--cached', '--others', '--exclude-standard', 'deploy/k8s'])
    const withSecrets = committed.stdout
      .split('\n')
      .filter((path) => /\.ya?ml$/.test(path) && /^kind: Secret$/m.test(readFileSync(join(root, path), 'utf8')))
    expect(withSecrets).toEqual([])
  })
})

function podSpec(resource: Resource) {
  return resource.spec.template.spec
}
