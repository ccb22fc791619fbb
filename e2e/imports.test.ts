import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { api, type SignedUp, send, signUp } from './client.ts'

/**
 * Issue #30, import from Todoist, through NGINX: a project's CSV (Todoist's template format) and its
 * backup ZIP, with a dry run that writes nothing, and a second import of the same file making nothing.
 */

const csv = [
  'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
  'section,Planning,,,,,,,,',
  'task,Write the plan @work,The whole plan,1,1,Ada (14781400),,2031-03-20,en,UTC',
  'note,Remember the budget,,,,,,,,',
  'task,Draft the intro,,2,2,,,2031-03-18 09:30,en,UTC',
  'task,Buy milk @home @errands,,4,1,,,every monday,en,UTC',
  'task,"Call ""the bank"", then file",,3,1,,,,,',
  '',
].join('\r\n')

async function importFile(
  user: SignedUp,
  body: string | Uint8Array,
  type: 'text/csv' | 'application/zip',
  query: string,
) {
  const response = await fetch(`${api}/imports/todoist?${query}`, {
    method: 'POST',
    headers: { authorization: user.authorization, 'content-type': type },
    body,
  })
  // biome-ignore lint/suspicious/noExplicitAny: the report's shape is asserted field by field
  return { status: response.status, body: (await response.json()) as any }
}

const tasksOf = async (user: SignedUp, projectId: string) =>
  (await send('GET', `/tasks?projectId=${projectId}&limit=200`, { authorization: user.authorization })).body.items as {
    id: string
    title: string
    description: string
    priority: string
    parentId: string | null
    labelIds: string[]
    due: string | null
    dueAt: string | null
  }[]

describe('import from Todoist', () => {
  it('says what a CSV would make, makes it, and makes nothing the second time', async () => {
    const user = await signUp()
    const dry = await importFile(user, csv, 'text/csv', 'dryRun=true&project=Launch')
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toMatchObject({
      dryRun: true,
      projects: [{ name: 'Launch', projectId: null, new: true, tasks: 4, alreadyImported: 0 }],
      created: { projects: 1, tasks: 4, labels: 3 },
      alreadyImported: 0,
    })
    expect(dry.body.notes.map((note: { note: string }) => note.note)).toEqual([
      'section "Planning" not imported (its tasks are)',
      'due "every monday" is not a date FocusHub reads: kept in the description',
    ])
    const before = await send('GET', '/projects', { authorization: user.authorization })
    expect(before.body.items.map((project: { name: string }) => project.name)).not.toContain('Launch')

    const done = await importFile(user, csv, 'text/csv', 'project=Launch')
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body).toMatchObject({ dryRun: false, created: { projects: 1, tasks: 4, labels: 3 } })
    const projectId = done.body.projects[0].projectId
    const tasks = await tasksOf(user, projectId)
    const byTitle = new Map(tasks.map((task) => [task.title, task]))
    expect([...byTitle.keys()].sort()).toEqual([
      'Buy milk',
      'Call "the bank", then file',
      'Draft the intro',
      'Write the plan',
    ])
    const plan = byTitle.get('Write the plan')
    expect(plan).toMatchObject({
      priority: 'urgent',
      description: 'The whole plan\n\nRemember the budget',
      parentId: null,
    })
    expect(plan?.due).toBe('2031-03-20')
    expect(byTitle.get('Draft the intro')).toMatchObject({ priority: 'high', parentId: plan?.id })
    expect(byTitle.get('Buy milk')).toMatchObject({ priority: 'none', description: 'Due in Todoist: every monday' })
    expect(byTitle.get('Buy milk')?.labelIds).toHaveLength(2)
    const labels = await send('GET', '/labels', { authorization: user.authorization })
    expect(labels.body.items.map((label: { name: string }) => label.name).sort()).toEqual(['errands', 'home', 'work'])

    const again = await importFile(user, csv, 'text/csv', 'project=Launch')
    expect(again.body).toMatchObject({
      projects: [{ projectId, new: false, tasks: 0, alreadyImported: 4 }],
      created: { projects: 0, tasks: 0, labels: 0 },
      alreadyImported: 4,
    })
    expect(await tasksOf(user, projectId)).toHaveLength(4)

    // A line added to the file later is the only task the next import makes.
    const grown = `${csv}task,One more,,,1,,,,,\r\n`
    const more = await importFile(user, grown, 'text/csv', 'project=Launch')
    expect(more.body).toMatchObject({ created: { projects: 0, tasks: 1 }, alreadyImported: 4 })
    expect(await tasksOf(user, projectId)).toHaveLength(5)
  })

  it('imports a backup ZIP as one project per file, and refuses what is not a Todoist file', async () => {
    const user = await signUp()
    const zip = zipSync({
      'Home [2203306141].csv': new TextEncoder().encode(csv),
      'Work.csv': new TextEncoder().encode('TYPE,CONTENT,PRIORITY,INDENT\ntask,Ship it,1,1\n'),
      'readme.txt': new TextEncoder().encode('not a project'),
    })
    const done = await importFile(user, zip, 'application/zip', '')
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.projects.map((project: { name: string; tasks: number }) => [project.name, project.tasks])).toEqual(
      [
        ['Home', 4],
        ['Work', 1],
      ],
    )
    const again = await importFile(user, zip, 'application/zip', '')
    expect(again.body.created).toEqual({ projects: 0, tasks: 0, labels: 0 })

    for (const [body, type] of [
      ['name,email\nAda,ada@example.com\n', 'text/csv'],
      ['TYPE,CONTENT\n"unterminated', 'text/csv'],
      [new TextEncoder().encode('PK but not a zip'), 'application/zip'],
      [zipSync({ 'notes.txt': new TextEncoder().encode('x') }), 'application/zip'],
    ] as const) {
      const refused = await importFile(user, body, type, '')
      expect(refused.status, JSON.stringify(refused.body)).toBe(400)
      expect(refused.body.code).toBe('import-file-invalid')
    }
    const empty = await send('POST', '/imports/todoist?dryRun=true', { authorization: user.authorization })
    expect(empty.status).toBe(400)
    expect(empty.body.code).toBe('import-file-invalid')
    const json = await send('POST', '/imports/todoist', { authorization: user.authorization, body: { csv } })
    expect(json.status).toBe(415)
    const anonymous = await fetch(`${api}/imports/todoist`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    })
    expect(anonymous.status).toBe(401)
  })
})
