import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, ok, registerUser, startTaskService, type TestService, type TestUser } from './support.ts'

let service: TestService
let user: TestUser
let projectId: string

interface Task {
  id: string
  title: string
  priority: string
  due: string | null
  dueAt: string | null
}
type Page = { items: Task[]; nextCursor: string | null }

const create = (body: object) => ok<Task>(call(service, user, 'POST', '/tasks', { projectId, ...body }), 201)
const list = (query: string) => ok<Page>(call(service, user, 'GET', `/tasks?${query}`))
const titles = async (query: string) => (await list(query)).items.map((t) => t.title)

beforeAll(async () => {
  service = await startTaskService()
  // New York, days starting at 04:00: "today" is 2026-06-10 from 04:00 local (08:00Z) to the next 08:00Z.
  user = await registerUser(service, { timezone: 'America/New_York', dayStartHour: 4 })
  service.clock.set('2026-06-10T15:00:00Z')
  projectId = (await ok<{ id: string }>(call(service, user, 'POST', '/projects', { name: 'List' }), 201)).id
  const label = await ok<{ id: string }>(call(service, user, 'POST', '/labels', { name: 'errand' }), 201)
  await create({ title: 'Overdue bills', due: '2026-06-09', priority: 'urgent' })
  await create({ title: 'Call the bank today', due: '2026-06-10T14:00', priority: 'high', labelIds: [label.id] })
  await create({ title: 'Late night today', due: '2026-06-11T03:30', priority: 'low' }) // before 04:00: still the 10th
  await create({ title: 'All-day today', due: '2026-06-10' })
  await create({ title: 'Tomorrow morning', due: '2026-06-11T09:00', priority: 'medium', labelIds: [label.id] })
  await create({ title: 'Someday', description: 'Learn to play the banjo' })
  const done = await create({ title: 'Finished report', due: '2026-06-01' })
  await ok(call(service, user, 'POST', `/tasks/${done.id}/complete`))
})
afterAll(() => service.close())

describe('filters', () => {
  it('overdue and due today, in the user timezone and day start', async () => {
    expect(await titles(`projectId=${projectId}&overdue=true`)).toEqual(['Overdue bills'])
    expect(await titles(`projectId=${projectId}&dueToday=true`)).toEqual([
      'Call the bank today',
      'Late night today',
      'All-day today',
    ])
  })

  it('status, priority, label, due window', async () => {
    expect(await titles(`projectId=${projectId}&status=done`)).toEqual(['Finished report'])
    expect(await titles(`projectId=${projectId}&priority=urgent&priority=high`)).toEqual([
      'Overdue bills',
      'Call the bank today',
    ])
    const labels = await ok<{ items: { id: string }[] }>(call(service, user, 'GET', '/labels'))
    expect(await titles(`labelId=${labels.items[0].id}`)).toEqual(['Call the bank today', 'Tomorrow morning'])
    // Due filters compare dueAt: an all-day task falls due at the end of its local day.
    expect(await titles(`projectId=${projectId}&dueAfter=2026-06-10T09:00:00Z&dueBefore=2026-06-11T08:00:00Z`)).toEqual(
      ['Call the bank today', 'Late night today'],
    )
  })

  it('full-text search over title and description, stemmed', async () => {
    expect(await titles('q=banjos')).toEqual(['Someday'])
    expect(await titles('q=calling%20bank')).toEqual(['Call the bank today'])
    expect(await titles('q=nothing-like-this')).toEqual([])
  })

  it('assignee', async () => {
    const mine = await create({ title: 'Mine', assigneeId: user.id })
    expect((await list(`assigneeId=${user.id}`)).items.map((t) => t.id)).toEqual([mine.id])
  })
})

describe('sorting', () => {
  it('by due date (undated last), by priority (most urgent first), newest first', async () => {
    const byDue = await titles(`projectId=${projectId}&sort=due&status=todo`)
    expect(byDue.slice(0, 5)).toEqual([
      'Overdue bills',
      'Call the bank today',
      'Late night today',
      'All-day today',
      'Tomorrow morning',
    ])
    expect(byDue.at(-1)).not.toMatch(/today|Tomorrow|bills/)
    expect((await titles(`projectId=${projectId}&sort=priority`)).slice(0, 3)).toEqual([
      'Overdue bills',
      'Call the bank today',
      'Tomorrow morning',
    ])
    expect((await titles(`projectId=${projectId}&sort=-created`))[0]).toBe('Mine')
  })
})

describe('pagination stays stable while rows are inserted', () => {
  for (const sort of ['created', '-created', 'due', 'priority', 'position']) {
    it(`sort=${sort}`, async () => {
      const project = await ok<{ id: string }>(call(service, user, 'POST', '/projects', { name: `Paged ${sort}` }), 201)
      const priorities = ['none', 'low', 'medium', 'high', 'urgent']
      const original = new Set<string>()
      for (let i = 0; i < 23; i++) {
        const body = {
          projectId: project.id,
          title: `t${i}`,
          priority: priorities[i % 5],
          due: `2026-07-${String((i % 9) + 1).padStart(2, '0')}`,
          position: i % 4,
        }
        original.add((await ok<Task>(call(service, user, 'POST', '/tasks', body), 201)).id)
      }
      const seen: string[] = []
      let cursor: string | null = null
      let inserted = 0
      do {
        const page: Page = await list(
          `projectId=${project.id}&sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        )
        seen.push(...page.items.map((t) => t.id))
        cursor = page.nextCursor
        // Rows arrive between pages, anywhere in the order.
        const body = {
          projectId: project.id,
          title: `new${inserted}`,
          priority: priorities[inserted % 5],
          due: '2026-07-05',
          position: 2,
        }
        await ok(call(service, user, 'POST', '/tasks', body), 201)
        inserted++
      } while (cursor)
      expect(new Set(seen).size).toBe(seen.length)
      for (const id of original) expect(seen).toContain(id)
    })
  }

  it('across all of the user’s projects, every sort pages through one merged order', async () => {
    const member = await registerUser(service)
    const projects = await Promise.all(
      ['A', 'B', 'C', 'Archived'].map((name) =>
        ok<{ id: string }>(call(service, member, 'POST', '/projects', { name }), 201),
      ),
    )
    const priorities = ['none', 'low', 'medium', 'high', 'urgent']
    type Listed = Task & { projectId: string; position: number }
    const tasks: Listed[] = []
    for (let i = 0; i < 14; i++) {
      // Ties on every key across projects, undated ones among them.
      const body = {
        projectId: projects[i % 4].id,
        title: `m${i}`,
        priority: priorities[i % 3],
        ...(i % 4 === 1 ? {} : { due: `2026-07-0${(i % 2) + 1}` }),
        position: i % 2,
      }
      tasks.push(await ok<Listed>(call(service, member, 'POST', '/tasks', body), 201))
    }
    await ok(call(service, member, 'PATCH', `/projects/${projects[3].id}`, { archived: true }))
    const visible = tasks.filter((task) => task.projectId !== projects[3].id)
    const byId = (a: Listed, b: Listed) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    const dueKey = (task: Listed) => (task.dueAt ? Date.parse(task.dueAt) : Number.POSITIVE_INFINITY)
    const expected: Record<string, (a: Listed, b: Listed) => number> = {
      created: byId,
      '-created': (a, b) => byId(b, a),
      due: (a, b) => dueKey(a) - dueKey(b) || byId(a, b),
      priority: (a, b) => priorities.indexOf(b.priority) - priorities.indexOf(a.priority) || byId(b, a),
      position: (a, b) => a.position - b.position || byId(a, b),
    }
    for (const [sort, order] of Object.entries(expected)) {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const query = `sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ''}`
        const page: Page = await ok<Page>(call(service, member, 'GET', `/tasks?${query}`))
        seen.push(...page.items.map((task) => task.title))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen, sort).toEqual([...visible].sort(order).map((task) => task.title))
    }
  })

  it('reads any cursor of the declared shape as a position in the sort asked for; another shape answers 400', async () => {
    const page = await list(`projectId=${projectId}&sort=due&limit=1`)
    const forged = Buffer.alloc(24, 0xff).toString('base64url')
    for (const sort of ['created', '-created', 'due', 'priority', 'position']) {
      for (const cursor of [page.nextCursor, forged]) {
        const response = await call(service, user, 'GET', `/tasks?projectId=${projectId}&sort=${sort}&cursor=${cursor}`)
        expect(response.statusCode, `${sort} ${cursor}`).toBe(200)
      }
    }
    const response = await call(service, user, 'GET', `/tasks?sort=priority&cursor=${page.nextCursor}A`)
    expect(response.statusCode).toBe(400)
  })
})

describe('GET /tasks/stats', () => {
  it('counts open, overdue, due today, done today and this week by the local day', async () => {
    const stats = await ok(call(service, user, 'GET', `/tasks/stats?projectId=${projectId}`))
    expect(stats).toEqual({ open: 7, overdue: 1, dueToday: 3, doneToday: 1, doneThisWeek: 1, localDate: '2026-06-10' })
    service.clock.set('2026-06-16T15:00:00Z') // the next Tuesday: a new week
    const later = await ok(call(service, user, 'GET', `/tasks/stats?projectId=${projectId}`))
    expect(later).toMatchObject({ doneToday: 0, doneThisWeek: 0, localDate: '2026-06-16' })
    service.clock.set('2026-06-10T15:00:00Z')
  })
})
