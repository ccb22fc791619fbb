import { createEvent, type EventEnvelope } from '@focushub/shared/events'
import { closedAddress } from '@focushub/shared/testing'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { objectKeyOf, thumbnailKeyOf, uploadKeyOf } from '../../src/modules/attachments/attachment-rules.ts'
import { cleanUpAttachments } from '../../src/modules/attachments/attachments-cleanup.ts'
import {
  call,
  deliverEvents,
  expectProblem,
  join,
  ok,
  outboxEvents,
  registerUser,
  sharedProject,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

// Against the local stack's S3 server (S3_* of the environment); URLs as signed, not through NGINX.
const limits = {
  S3_PUBLIC_URL: '',
  ATTACHMENT_MAX_BYTES: '60000',
  ATTACHMENTS_PER_TASK: '3',
  ATTACHMENT_QUOTA_BYTES: '100000',
}

let service: TestService
let owner: TestUser
let editor: TestUser
let viewer: TestUser
let stranger: TestUser
let projectId: string

beforeAll(async () => {
  service = await startTaskService(limits)
  await service.storage.ensureBucket()
  ;[owner, editor, viewer, stranger] = await Promise.all([
    registerUser(service),
    registerUser(service),
    registerUser(service),
    registerUser(service),
  ])
  projectId = (await sharedProject(service, owner, editor, viewer)).id
})
afterAll(() => service.close())

interface Attachment {
  id: string
  taskId: string
  fileName: string
  size: number
  contentType: string
  status: 'pending' | 'ready'
  thumbnail: boolean
  uploadedBy: string
}
interface Upload {
  attachment: Attachment
  upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string }
}

const png = (width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer()
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.alloc(56)])

const newTask = async (user = owner, inProject = projectId) =>
  (await ok<{ id: string }>(call(service, user, 'POST', '/tasks', { projectId: inProject, title: 'With files' }), 201))
    .id

const attachments = (taskId: string) => `/tasks/${taskId}/attachments`
const announce = (user: TestUser, taskId: string, body: object) =>
  call(service, user, 'POST', attachments(taskId), body)
const complete = (user: TestUser, taskId: string, id: string) =>
  call(service, user, 'POST', `${attachments(taskId)}/${id}/complete`)
const download = (user: TestUser, taskId: string, id: string, variant = 'original') =>
  call(service, user, 'GET', `${attachments(taskId)}/${id}/download?variant=${variant}`)
const list = (user: TestUser, taskId: string) => call(service, user, 'GET', attachments(taskId))

const put = ({ upload }: Upload, body: Buffer) =>
  fetch(upload.url, { method: upload.method, headers: upload.headers, body: new Uint8Array(body) })

/** Announces, uploads and completes a file: the ready attachment. */
async function attach(user: TestUser, taskId: string, body: Buffer, contentType: string, fileName = 'file') {
  const ticket = await ok<Upload>(announce(user, taskId, { fileName, size: body.length, contentType }), 201)
  expect((await put(ticket, body)).status).toBe(200)
  return ok<Attachment>(complete(user, taskId, ticket.attachment.id))
}

const rowOf = (id: string) =>
  service.db.selectFrom('task_attachments').selectAll().where('id', '=', id).executeTakeFirst()
const usageOf = async (userId: string) =>
  Number(
    (await service.db.selectFrom('attachment_usage').select('bytes').where('user_id', '=', userId).executeTakeFirst())
      ?.bytes ?? 0,
  )
const cleanUp = (on: TestService = service, storage = on.storage) =>
  cleanUpAttachments({ db: on.db, storage, config: on.config, now: on.clock.now, log: on.app.log })

/** The outbox's events of a type about one attachment or task. */
const eventsAbout = async (type: string, id: string) =>
  (await outboxEvents(service.db, { type })).filter(
    (event) => event.data.attachmentId === id || event.data.taskId === id,
  ) as EventEnvelope[]

describe('an attachment, from upload to deletion', () => {
  it('is announced, uploaded, completed, listed, downloaded byte for byte and deleted', async () => {
    const taskId = await newTask()
    const image = await png()
    const ticket = await ok<Upload>(
      announce(editor, taskId, { fileName: '  Holiday photo.png ', size: image.length, contentType: 'image/png' }),
      201,
    )
    expect(ticket.attachment).toMatchObject({
      taskId,
      fileName: 'Holiday photo.png',
      size: image.length,
      contentType: 'image/png',
      status: 'pending',
      thumbnail: false,
      uploadedBy: editor.id,
    })
    expect(ticket.upload).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'image/png' } })
    expect(ticket.upload.url).toContain(uploadKeyOf(ticket.attachment.id))
    // Pending uploads are nobody's to see yet.
    expect((await ok<{ items: Attachment[] }>(list(viewer, taskId))).items).toEqual([])

    expect((await put(ticket, image)).status).toBe(200)
    const ready = await ok<Attachment>(complete(editor, taskId, ticket.attachment.id))
    expect(ready).toEqual({ ...ticket.attachment, status: 'ready' })
    expect(await service.storage.head(uploadKeyOf(ready.id))).toBeNull()
    expect(await ok<Attachment>(complete(editor, taskId, ready.id))).toEqual(ready)
    const added = await eventsAbout('task.attachment.added', ready.id)
    expect(added).toEqual([
      expect.objectContaining({
        userId: editor.id,
        data: {
          attachmentId: ready.id,
          taskId,
          projectId,
          fileName: 'Holiday photo.png',
          size: image.length,
          contentType: 'image/png',
          audience: expect.arrayContaining([owner.id, editor.id, viewer.id]),
        },
      }),
    ])

    expect((await ok<{ items: Attachment[] }>(list(viewer, taskId))).items).toEqual([ready])
    const link = await ok<{ url: string; expiresAt: string }>(download(viewer, taskId, ready.id))
    const expiresIn = new Date(link.expiresAt).getTime() - Date.now()
    expect(expiresIn).toBeGreaterThan(250_000)
    expect(expiresIn).toBeLessThanOrEqual(300_000)
    const fetched = await fetch(link.url)
    expect(fetched.status).toBe(200)
    expect(Buffer.from(await fetched.arrayBuffer()).equals(image)).toBe(true)
    expect(fetched.headers.get('content-type')).toBe('image/png')
    expect(fetched.headers.get('content-disposition')).toMatch(/^attachment; filename="Holiday photo\.png"/)

    // The upload URL lives on, but bytes put after the check are never served: what was checked was copied.
    const swapped = Buffer.alloc(image.length, 7)
    expect((await put(ticket, swapped)).status).toBe(200)
    const again = await fetch((await ok<{ url: string }>(download(viewer, taskId, ready.id))).url)
    expect(Buffer.from(await again.arrayBuffer()).equals(image)).toBe(true)

    expect((await call(service, editor, 'DELETE', `${attachments(taskId)}/${ready.id}`)).statusCode).toBe(204)
    expect(await rowOf(ready.id)).toBeUndefined()
    expect(await service.storage.head(objectKeyOf(ready.id))).toBeNull()
    expect(await service.storage.head(uploadKeyOf(ready.id))).toBeNull()
    expect((await ok<{ items: Attachment[] }>(list(viewer, taskId))).items).toEqual([])
    expectProblem(await download(viewer, taskId, ready.id), 404, 'not-found')
    const [removed] = await eventsAbout('task.attachment.removed', ready.id)
    expect(removed).toMatchObject({ userId: editor.id, data: { attachmentId: ready.id, taskId, projectId } })
  })

  it('gets a WebP thumbnail of at most 320 px when it is an image, once however often it is announced', async () => {
    const taskId = await newTask()
    const ready = await attach(owner, taskId, await png(640, 480), 'image/png', 'wide.png')
    const [added] = await eventsAbout('task.attachment.added', ready.id)
    await deliverEvents(service, [added as EventEnvelope])
    await deliverEvents(service, [{ ...(added as EventEnvelope), id: crypto.randomUUID() }])
    expect((await rowOf(ready.id))?.thumbnail).toBe(true)

    const link = await ok<{ url: string }>(download(viewer, taskId, ready.id, 'thumbnail'))
    const fetched = await fetch(link.url)
    expect(fetched.headers.get('content-type')).toBe('image/webp')
    expect(fetched.headers.get('content-disposition')).toMatch(/^inline/)
    const meta = await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240])
    expect((await ok<{ items: Attachment[] }>(list(owner, taskId))).items[0]?.thumbnail).toBe(true)

    await ok(call(service, owner, 'DELETE', `${attachments(taskId)}/${ready.id}`), 204)
    expect(await service.storage.head(thumbnailKeyOf(ready.id))).toBeNull()
  })

  it('gets its thumbnail from the cleanup job when its event ran out of tries; an undecodable image is not tried again', async () => {
    const taskId = await newTask()
    const missed = await attach(owner, taskId, await png(64, 48), 'image/png', 'missed.png')
    // A PNG's signature over bytes sharp cannot decode: it passes the content check, not the decoder.
    const broken = Buffer.concat([(await png(8, 8)).subarray(0, 16), Buffer.alloc(200, 1)])
    const undecodable = await attach(owner, taskId, broken, 'image/png', 'broken.png')
    // task.attachment.added never delivered (its tries ran out with the storage away): within the
    // grace of a minute the job leaves them to the event, after it makes them.
    await cleanUp()
    expect((await rowOf(missed.id))?.thumbnail).toBe(false)
    const now = service.clock.now()
    service.clock.set(new Date(Date.now() + 2 * 60_000))
    try {
      await cleanUp()
    } finally {
      service.clock.set(now)
    }
    expect(await rowOf(missed.id)).toMatchObject({ thumbnail: true, thumbnail_failed: false })
    expect(await service.storage.head(thumbnailKeyOf(missed.id))).not.toBeNull()
    expect(await rowOf(undecodable.id)).toMatchObject({ thumbnail: false, thumbnail_failed: true })
  })

  it('has no thumbnail when it is not an image: 404', async () => {
    const taskId = await newTask()
    const ready = await attach(owner, taskId, pdf, 'application/pdf', 'spec.pdf')
    const [added] = await eventsAbout('task.attachment.added', ready.id)
    await deliverEvents(service, [added as EventEnvelope])
    expect((await rowOf(ready.id))?.thumbnail).toBe(false)
    expectProblem(await download(owner, taskId, ready.id, 'thumbnail'), 404, 'not-found')
    const link = await ok<{ url: string }>(download(owner, taskId, ready.id))
    const fetched = await fetch(link.url)
    expect(fetched.headers.get('content-disposition')).toMatch(/^attachment; filename="?spec\.pdf"?/)
  })

  it('serves text as UTF-8, under its exact name', async () => {
    const taskId = await newTask()
    const text = Buffer.from('name,city\nZoë,Zürich\n')
    const ready = await attach(owner, taskId, text, 'text/csv', 'Städte.csv')
    const fetched = await fetch((await ok<{ url: string }>(download(owner, taskId, ready.id))).url)
    expect(Buffer.from(await fetched.arrayBuffer()).equals(text)).toBe(true)
    expect(fetched.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(fetched.headers.get('content-disposition')).toContain("filename*=UTF-8''St%C3%A4dte.csv")
  })
})

describe('refusals', () => {
  it('of an announcement: size, type, name and fields', async () => {
    const taskId = await newTask()
    const used = await usageOf(owner.id)
    const body = { fileName: 'a.png', size: 100, contentType: 'image/png' }
    expectProblem(await announce(owner, taskId, { ...body, size: 60001 }), 413, 'attachment-too-large')
    expectProblem(
      await announce(owner, taskId, { ...body, contentType: 'image/svg+xml' }),
      415,
      'attachment-type-not-allowed',
    )
    expectProblem(await announce(owner, taskId, { ...body, contentType: 'application/x-msdownload' }), 415)
    const badName = expectProblem(await announce(owner, taskId, { ...body, fileName: 'a\u0000b.png' }), 400)
    expect(badName.errors).toEqual([{ field: '/body/fileName', message: 'must not contain control characters' }])
    expectProblem(await announce(owner, taskId, { ...body, fileName: '   ' }), 400, 'validation-failed')
    expectProblem(await announce(owner, taskId, { ...body, fileName: 'x'.repeat(256) }), 400, 'validation-failed')
    expectProblem(await announce(owner, taskId, { ...body, key: 'attachments/other' }), 400, 'validation-failed')
    expectProblem(await announce(owner, taskId, { ...body, size: -1 }), 400, 'validation-failed')
    expect(await usageOf(owner.id)).toBe(used)
  })

  it('of more attachments than a task may have, pending ones counted', async () => {
    const taskId = await newTask()
    const body = { fileName: 'n.txt', size: 10, contentType: 'text/plain' }
    for (let i = 0; i < 3; i++) await ok(announce(owner, taskId, body), 201)
    expectProblem(await announce(owner, taskId, body), 409, 'too-many-attachments')
  })

  it('of a completion before the upload, by anyone but the uploader, or of another size or type', async () => {
    const taskId = await newTask()
    const image = await png(8, 8)
    const ticket = await ok<Upload>(
      announce(editor, taskId, { fileName: 'p.png', size: image.length, contentType: 'image/png' }),
      201,
    )
    const id = ticket.attachment.id
    expectProblem(await complete(editor, taskId, id), 409, 'attachment-not-uploaded')
    expectProblem(await complete(owner, taskId, id), 404, 'not-found')

    await service.storage.write(uploadKeyOf(id), Buffer.concat([image, Buffer.from('extra')]), 'image/png')
    expectProblem(await complete(editor, taskId, id), 422, 'attachment-size-mismatch')
    expect(await rowOf(id)).toBeUndefined()
    expect(await service.storage.head(uploadKeyOf(id))).toBeNull()

    const ready = await attach(editor, taskId, image, 'image/png')
    expectProblem(await complete(owner, taskId, ready.id), 403, 'forbidden')
    expect(await usageOf(editor.id)).toBe(image.length)
  })

  it('of content that is not the declared type: the upload is discarded and its bytes freed', async () => {
    const taskId = await newTask()
    const used = await usageOf(owner.id)
    const image = await png(8, 8)
    for (const [body, contentType] of [
      [image, 'application/pdf'],
      [elf, 'text/plain'],
      [pdf, 'image/jpeg'],
    ] as const) {
      const ticket = await ok<Upload>(announce(owner, taskId, { fileName: 'x', size: body.length, contentType }), 201)
      expect((await put(ticket, body)).status).toBe(200)
      expectProblem(await complete(owner, taskId, ticket.attachment.id), 422, 'attachment-content-mismatch')
      expect(await rowOf(ticket.attachment.id)).toBeUndefined()
      expect(await service.storage.head(uploadKeyOf(ticket.attachment.id))).toBeNull()
      expect(await service.storage.head(objectKeyOf(ticket.attachment.id))).toBeNull()
    }
    expect(await usageOf(owner.id)).toBe(used)
  })

  it('of a quota two concurrent uploads would exceed together: exactly one passes', async () => {
    const uploader = await registerUser(service)
    await join(service, owner, projectId, uploader, 'editor')
    const [first, second] = [await newTask(), await newTask()]
    const body = { fileName: 'big.zip', size: 60000, contentType: 'application/zip' }
    const answers = await Promise.all([announce(uploader, first, body), announce(uploader, second, body)])
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409])
    const refused = answers.find((answer) => answer.statusCode === 409)
    expect(expectProblem(refused as NonNullable<typeof refused>, 409, 'attachment-quota-exceeded')).toMatchObject({
      availableBytes: 40000,
    })
    expect(await usageOf(uploader.id)).toBe(60000)

    // Deleting the pending upload gives its bytes back.
    const passed = answers.find((answer) => answer.statusCode === 201)?.json() as Upload
    await ok(call(service, uploader, 'DELETE', `${attachments(passed.attachment.taskId)}/${passed.attachment.id}`), 204)
    expect(await usageOf(uploader.id)).toBe(0)
    await ok(announce(uploader, second, body), 201)
  })
})

describe('who may do what', () => {
  it('a stranger gets 404 on every route, as for the task', async () => {
    const taskId = await newTask()
    const ready = await attach(owner, taskId, pdf, 'application/pdf')
    const body = { fileName: 'x.pdf', size: pdf.length, contentType: 'application/pdf' }
    expectProblem(await announce(stranger, taskId, body), 404, 'not-found')
    expectProblem(await list(stranger, taskId), 404, 'not-found')
    expectProblem(await complete(stranger, taskId, ready.id), 404, 'not-found')
    expectProblem(await download(stranger, taskId, ready.id), 404, 'not-found')
    expectProblem(await call(service, stranger, 'DELETE', `${attachments(taskId)}/${ready.id}`), 404, 'not-found')
    // Another task's attachment id under this task is no attachment of it.
    const other = await newTask()
    expectProblem(await download(owner, other, ready.id), 404, 'not-found')
  })

  it('a viewer lists and downloads but neither uploads nor deletes; an editor deletes anyone’s', async () => {
    const taskId = await newTask()
    const ready = await attach(owner, taskId, pdf, 'application/pdf')
    const body = { fileName: 'x.pdf', size: pdf.length, contentType: 'application/pdf' }
    expectProblem(await announce(viewer, taskId, body), 403, 'project-role-insufficient')
    expect((await ok<{ items: Attachment[] }>(list(viewer, taskId))).items.map((item) => item.id)).toEqual([ready.id])
    await ok(download(viewer, taskId, ready.id))
    expectProblem(
      await call(service, viewer, 'DELETE', `${attachments(taskId)}/${ready.id}`),
      403,
      'project-role-insufficient',
    )
    await ok(call(service, editor, 'DELETE', `${attachments(taskId)}/${ready.id}`), 204)
  })

  it("a member does not see another's pending upload", async () => {
    const taskId = await newTask()
    const ticket = await ok<Upload>(
      announce(editor, taskId, { fileName: 'p.txt', size: 3, contentType: 'text/plain' }),
      201,
    )
    const id = ticket.attachment.id
    expectProblem(await download(owner, taskId, id), 404, 'not-found')
    expectProblem(await call(service, owner, 'DELETE', `${attachments(taskId)}/${id}`), 404, 'not-found')
    expectProblem(await download(editor, taskId, id), 404, 'not-found')
  })
})

describe('removal with what they belong to', () => {
  const deliverOutbox = async (type: string, id: string) => deliverEvents(service, await eventsAbout(type, id))

  it('a deleted task takes its attachments, objects and rows, once', async () => {
    const taskId = await newTask()
    const used = await usageOf(owner.id)
    const ready = await attach(owner, taskId, await png(8, 8), 'image/png')
    await ok(call(service, owner, 'DELETE', `/tasks/${taskId}`), 204)
    await deliverOutbox('task.deleted', taskId)
    await deliverOutbox('task.deleted', taskId)
    expect((await rowOf(ready.id))?.status).toBe('deleting')
    expect(await usageOf(owner.id)).toBe(used)
    expect(await cleanUp()).toBeGreaterThanOrEqual(1)
    expect(await rowOf(ready.id)).toBeUndefined()
    expect(await service.storage.head(objectKeyOf(ready.id))).toBeNull()
  })

  it('a deleted project takes the attachments of its tasks', async () => {
    const other = await ok<{ id: string }>(call(service, owner, 'POST', '/projects', { name: 'Gone' }), 201)
    const taskId = await newTask(owner, other.id)
    const ready = await attach(owner, taskId, pdf, 'application/pdf')
    await ok(call(service, owner, 'DELETE', `/projects/${other.id}`), 204)
    await deliverOutbox('task.deleted', taskId)
    await cleanUp()
    expect(await rowOf(ready.id)).toBeUndefined()
    expect(await service.storage.head(objectKeyOf(ready.id))).toBeNull()
  })

  it('a deleted account takes its uploads and those of the projects its erasure deletes', async () => {
    const leaving = await registerUser(service)
    await join(service, owner, projectId, leaving, 'editor')
    const own = await ok<{ id: string }>(call(service, leaving, 'POST', '/projects', { name: 'Mine' }), 201)
    const ownTask = await newTask(leaving, own.id)
    const sharedTask = await newTask()
    const inOwn = await attach(leaving, ownTask, pdf, 'application/pdf')
    const inShared = await attach(leaving, sharedTask, pdf, 'application/pdf')
    const byOwner = await attach(owner, sharedTask, pdf, 'application/pdf')
    const { event } = createEvent(
      'auth.user.deleted',
      {},
      { producer: 'auth-service', userId: leaving.id, requestId: 'test' },
    )
    await deliverEvents(service, [event])
    await cleanUp()
    expect(await rowOf(inOwn.id)).toBeUndefined()
    expect(await rowOf(inShared.id)).toBeUndefined()
    expect((await rowOf(byOwner.id))?.status).toBe('ready')
    expect(await service.storage.head(objectKeyOf(inShared.id))).toBeNull()
    expect(await usageOf(leaving.id)).toBe(0)
  })

  it('an upload never completed is removed once its URL is long expired', async () => {
    const taskId = await newTask()
    const ticket = await ok<Upload>(
      announce(owner, taskId, { fileName: 'late.txt', size: 4, contentType: 'text/plain' }),
      201,
    )
    expect((await put(ticket, Buffer.from('late'))).status).toBe(200)
    await cleanUp()
    expect((await rowOf(ticket.attachment.id))?.status).toBe('pending')
    const now = service.clock.now()
    service.clock.set(new Date(Date.now() + (600 + 16 * 60) * 1000))
    try {
      await cleanUp()
    } finally {
      service.clock.set(now)
    }
    expect(await rowOf(ticket.attachment.id)).toBeUndefined()
    expect(await service.storage.head(objectKeyOf(ticket.attachment.id))).toBeNull()
  })
})

describe('with the storage down', () => {
  it('answers 503 where it needs the storage, and leaves nothing half done', async () => {
    const down = await startTaskService({ ...limits, S3_ENDPOINT: `http://${closedAddress}` })
    try {
      const user = await registerUser(down)
      const taskId = (await ok<{ id: string }>(call(down, user, 'POST', '/tasks', { title: 'Offline' }), 201)).id
      const ticket = await ok<Upload>(
        call(down, user, 'POST', `/tasks/${taskId}/attachments`, {
          fileName: 'a.txt',
          size: 3,
          contentType: 'text/plain',
        }),
        201,
      )
      const id = ticket.attachment.id
      const completed = call(down, user, 'POST', `/tasks/${taskId}/attachments/${id}/complete`)
      expectProblem(await completed, 503, 'service-unavailable')
      const row = () => down.db.selectFrom('task_attachments').select('status').where('id', '=', id).executeTakeFirst()
      expect(await row()).toEqual({ status: 'pending' })

      // Deleting is done at once (hidden, off the quota); the objects wait for the cleanup job.
      expect((await call(down, user, 'DELETE', `/tasks/${taskId}/attachments/${id}`)).statusCode).toBe(204)
      expect(await row()).toEqual({ status: 'deleting' })
      await expect(cleanUp(down)).rejects.toMatchObject({ status: 503 })
      expect(await row()).toEqual({ status: 'deleting' })
      await cleanUp(down, service.storage)
      expect(await row()).toBeUndefined()
    } finally {
      await down.close()
    }
  })
})
