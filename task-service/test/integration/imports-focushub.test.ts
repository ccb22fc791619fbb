import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
import { strToU8, zipSync } from 'fflate'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  expectProblem,
  join,
  ok,
  outboxEvents,
  registerUser,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

// A round trip: the exporter's data through GET /internal/users/{id}/export, zipped as notification-service
// zips it, imported by another user.
const secret = 'a-notification-secret-for-tests'
let service: TestService
let exporter: TestUser

type Item = Record<string, unknown>
type Collections = Record<string, Item[]>
interface Report {
  dryRun: boolean
  projects: { name: string; projectId: string | null; new: boolean; tasks: number; alreadyImported: number }[]
  created: { projects: number; tasks: number; labels: number }
  alreadyImported: number
  noteCount: number
  notes: { file: string; index: number; note: string }[]
}

const exportOf = async (user: TestUser) =>
  (
    await readWholeExport((query) =>
      service.app.inject({
        url: `/internal/users/${user.id}/export${query}`,
        headers: { authorization: serviceAuthorization('notification-service', secret) },
      }),
    )
  ).collections as Collections

/** The ZIP notification-service makes of an export (export-zip.ts), with its tasks part only. */
const zipOf = (userId: string, tasks: Collections, manifest: Item = {}) => {
  const files = Object.entries(tasks).map(([name, items]) => ({ path: `tasks/${name}.json`, items }))
  const about = { format: 'focushub-export', version: 1, exportId: uuidv7(), userId, createdAt: new Date() }
  return zipSync({
    'manifest.json': strToU8(
      JSON.stringify({ ...about, files: files.map(({ path, items }) => ({ path, items: items.length })), ...manifest }),
    ),
    'README.txt': strToU8('FocusHub account export'),
    ...Object.fromEntries(files.map(({ path, items }) => [path, strToU8(JSON.stringify(items, null, 1))])),
  })
}

const importZip = (user: TestUser, zip: Uint8Array, query = '') =>
  service.app.inject({
    method: 'POST',
    url: `/imports/focushub/tasks${query}`,
    headers: { authorization: user.authorization, 'content-type': 'application/zip' },
    payload: Buffer.from(zip),
  })

/**
 * The user's own projects' tasks as the API shows them, in each project's manual order, with ids replaced
 * by what they name (project, parent, labels), less what an import does not carry: assignees, observers,
 * a closed task's recurrence.
 */
function tasksAsImported({ projects, tasks, labels }: Collections) {
  const projectName = new Map(projects.filter((p) => p.role === 'owner').map((p) => [p.id, p.name]))
  const title = new Map(tasks.map((task) => [task.id, task.title]))
  const labelName = new Map(labels.map((label) => [label.id, label.name]))
  const inOrder = (a: Item, b: Item) =>
    String(projectName.get(a.projectId)).localeCompare(String(projectName.get(b.projectId))) ||
    (a.position as number) - (b.position as number) ||
    String(a.id).localeCompare(String(b.id))
  return tasks
    .filter((task) => projectName.has(task.projectId))
    .sort(inOrder)
    .map((task) => ({
      project: projectName.get(task.projectId),
      parent: task.parentId === null ? null : title.get(task.parentId),
      labels: (task.labelIds as string[]).map((id) => labelName.get(id)).sort(),
      ...Object.fromEntries(
        ['title', 'description', 'status', 'priority', 'due', 'dueAt', 'allDay'].map((key) => [key, task[key]]),
      ),
      estimatePomodoros: task.estimatePomodoros,
      completedAt: task.completedAt,
      recurrence: task.status === 'todo' || task.status === 'in_progress' ? task.recurrence : null,
    }))
}

beforeAll(async () => {
  service = await startTaskService({ TASK_INTERNAL_CALLERS: `notification-service:${secret}` })
  service.clock.set('2026-06-10T12:00:00Z')
  exporter = await registerUser(service)
  const post = async <T = { id: string }>(url: string, body: object, user = exporter) =>
    ok<T>(call(service, user, 'POST', url, body), 201)
  const home = await post('/labels', { name: 'Home', color: '#00aa00' })
  const urgent = await post('/labels', { name: 'Urgent' })
  const work = await post('/projects', { name: 'Work', color: '#3366ff' })
  const plan = await post('/tasks', {
    projectId: work.id,
    title: 'Plan the launch',
    priority: 'high',
    due: '2026-06-12',
    labelIds: [home.id],
    estimatePomodoros: 3,
    assigneeId: exporter.id,
  })
  await post('/tasks', {
    projectId: work.id,
    parentId: plan.id,
    title: 'Write the copy',
    description: 'Two **paragraphs**',
    priority: 'urgent',
    due: '2026-06-11T09:30:00Z',
    labelIds: [home.id, urgent.id],
    status: 'in_progress',
  })
  const shipped = await post('/tasks', { projectId: work.id, title: 'Ship v1', priority: 'medium' })
  await ok(call(service, exporter, 'POST', `/tasks/${shipped.id}/complete`, {}))
  const weekly = { rrule: 'FREQ=WEEKLY;BYDAY=WE', from: 'due' }
  const review = await post('/tasks', {
    projectId: work.id,
    title: 'Weekly review',
    due: '2026-06-10',
    recurrence: weekly,
  })
  await ok(call(service, exporter, 'POST', `/tasks/${review.id}/complete`, {}))
  const dropped = await post('/tasks', { projectId: work.id, title: 'Dropped idea' })
  await ok(call(service, exporter, 'PATCH', `/tasks/${dropped.id}`, { status: 'cancelled' }))
  await post('/tasks', { title: 'Buy milk', due: '2026-06-10T18:00:00Z' })
  const old = await post('/projects', { name: 'Old' })
  await post('/tasks', { projectId: old.id, title: 'Archived with its project' })
  await ok(call(service, exporter, 'PATCH', `/projects/${old.id}`, { archived: true }))
  const owner = await registerUser(service)
  const team = await post('/projects', { name: 'Team' }, owner)
  await post('/tasks', { projectId: team.id, title: 'Not mine to take' }, owner)
  await join(service, owner, team.id, exporter, 'editor')
})
afterAll(() => service.close())

describe('POST /imports/focushub/tasks', () => {
  it('makes, in a dry run, nothing, and answers what it would make', async () => {
    const importer = await registerUser(service)
    const zip = zipOf(exporter.id, await exportOf(exporter))
    const report = await ok<Report>(importZip(importer, zip, '?dryRun=true'))
    expect(report).toMatchObject({ dryRun: true, created: { projects: 2, tasks: 8, labels: 2 }, alreadyImported: 0 })
    expect(report.projects.map(({ name, new: made, tasks }) => [name, made, tasks])).toEqual([
      ['Inbox', false, 1],
      ['Work', true, 6],
      ['Old', true, 1],
    ])
    const mine = await exportOf(importer)
    expect(mine.tasks).toEqual([])
    expect(mine.labels).toEqual([])
    expect(mine.projects.map((project) => project.name)).toEqual(['Inbox'])
    const records = await service.db.selectFrom('import_records').where('user_id', '=', importer.id).execute()
    expect(records).toEqual([])
  })

  it('makes my own projects with their tasks as they were, skipping a shared one, and nothing when sent again', async () => {
    const importer = await registerUser(service)
    const exported = await exportOf(exporter)
    const report = await ok<Report>(importZip(importer, zipOf(exporter.id, exported)))
    expect(report).toMatchObject({ dryRun: false, created: { projects: 2, tasks: 8, labels: 2 } })
    const team = exported.projects.findIndex((project) => project.name === 'Team')
    expect(report.notes).toContainEqual({
      file: 'tasks/projects.json',
      index: team,
      note: 'shared with me as editor: not imported, nor its 1 task',
    })
    expect(report.notes.map((note) => note.note)).toContain('1 task: assignee and observers not carried over')

    const imported = await exportOf(importer)
    expect(tasksAsImported(imported)).toEqual(tasksAsImported(exported))
    expect(imported.labels.map(({ name, color }) => ({ name, color }))).toEqual([
      { name: 'Home', color: '#00aa00' },
      { name: 'Urgent', color: null },
    ])
    const projects = new Map(imported.projects.map((project) => [project.name, project]))
    expect(projects.get('Work')).toMatchObject({ color: '#3366ff', archived: false, role: 'owner' })
    const oldOne = exported.projects.find((project) => project.name === 'Old')
    expect(projects.get('Old')).toMatchObject({ archived: true, archivedAt: oldOne?.archivedAt })
    expect(projects.has('Team')).toBe(false)

    const copy = imported.tasks.find((task) => task.title === 'Write the copy') as Item
    const parent = imported.tasks.find((task) => task.title === 'Plan the launch') as Item
    const labelIds = imported.labels.map((label) => label.id)
    expect(copy).toMatchObject({
      projectId: projects.get('Work')?.id,
      parentId: parent.id,
      status: 'in_progress',
      priority: 'urgent',
      due: '2026-06-11T09:30:00.000Z',
      allDay: false,
      labelIds,
      createdBy: importer.id,
    })
    expect(parent).toMatchObject({ due: '2026-06-12', allDay: true, estimatePomodoros: 3, assigneeId: null })
    const shipped = exported.tasks.find((task) => task.title === 'Ship v1')
    expect(imported.tasks.find((task) => task.title === 'Ship v1')).toMatchObject({
      status: 'done',
      completedAt: shipped?.completedAt,
    })

    const completed = await outboxEvents(service.db, { type: 'task.completed', userId: importer.id })
    expect(completed).toEqual([])
    const updated = await outboxEvents(service.db, { type: 'task.updated', userId: importer.id })
    expect(updated.map((event) => (event.data as { status: string }).status).sort()).toEqual([
      'cancelled',
      'done',
      'done',
    ])

    const again = await ok<Report>(importZip(importer, zipOf(exporter.id, exported)))
    expect(again).toMatchObject({ created: { projects: 0, tasks: 0, labels: 0 }, alreadyImported: 8 })
    expect((await exportOf(importer)).tasks).toHaveLength(8)
  })

  it('adds only what a later export has more, in the project the first import made', async () => {
    const importer = await registerUser(service)
    const first = await exportOf(exporter)
    const work = first.projects.find((project) => project.name === 'Work') as Item
    const report = await ok<Report>(importZip(importer, zipOf(exporter.id, first)))
    const made = report.projects.find((project) => project.name === 'Work')?.projectId
    const later = {
      ...first,
      tasks: [...first.tasks, { ...first.tasks[0], id: uuidv7(), projectId: work.id, parentId: null, title: 'Later' }],
    }
    const grown = await ok<Report>(importZip(importer, zipOf(exporter.id, later)))
    expect(grown).toMatchObject({ created: { projects: 0, tasks: 1, labels: 0 }, alreadyImported: 8 })
    expect(grown.projects.find((project) => project.name === 'Work')).toMatchObject({ projectId: made, tasks: 1 })
  })

  it('notes an item that is not what the export holds, and a series the create path refuses now', async () => {
    const importer = await registerUser(service)
    const exported = await exportOf(exporter)
    const milk = exported.tasks.findIndex((task) => task.title === 'Buy milk')
    const review = exported.tasks.findIndex((task) => task.title === 'Weekly review' && task.status === 'todo')
    const tasks = exported.tasks.map((task, at) => {
      if (at === milk) return { ...task, priority: 'p1' }
      if (at === review) return { ...task, recurrence: { rrule: 'FREQ=WEEKLY;UNTIL=20260620', from: 'due' } }
      return task
    })
    const report = await ok<Report>(importZip(importer, zipOf(exporter.id, { ...exported, tasks })))
    expect(report.created.tasks).toBe(7)
    expect(report.notes).toContainEqual({
      file: 'tasks/tasks.json',
      index: milk,
      note: 'not imported: /priority must be equal to one of the allowed values',
    })
    expect(report.notes).toContainEqual({
      file: 'tasks/tasks.json',
      index: review,
      note: expect.stringMatching(/^its recurrence is not carried over: .*no occurrence/),
    })
    const imported = (await exportOf(importer)).tasks.filter((task) => task.title === 'Weekly review')
    expect(imported.map((task) => [task.status, task.recurrence])).toEqual([
      ['done', null],
      ['todo', null],
    ])
  })

  it('refuses a ZIP that is not a FocusHub export of version 1, one without its files, and a JSON body', async () => {
    const importer = await registerUser(service)
    const exported = await exportOf(exporter)
    const refused = async (zip: Uint8Array, detail: RegExp) => {
      const answer = await importZip(importer, zip)
      expectProblem(answer, 400, 'import-file-invalid')
      expect(answer.json().detail).toMatch(detail)
    }
    await refused(zipSync({ 'Habits.csv': strToU8('Position,Name\n') }), /no manifest\.json: not a FocusHub export/)
    await refused(
      zipOf(exporter.id, exported, { format: 'other-export' }),
      /does not name the format "focushub-export"/,
    )
    await refused(zipOf(exporter.id, exported, { version: 2 }), /version 2 .*reads version 1/)
    await refused(zipOf(exporter.id, { projects: exported.projects, tasks: exported.tasks }), /no tasks\/labels\.json/)
    await refused(strToU8('not a zip'), /not a ZIP file/)
    const json = await call(service, importer, 'POST', '/imports/focushub/tasks', { tasks: [] })
    expect(json.statusCode).toBe(415)
    const csv = await call(service, importer, 'POST', '/imports/focushub/tasks', undefined, {
      'content-type': 'text/csv',
    })
    expect(csv.statusCode).toBe(415)
  })
})
