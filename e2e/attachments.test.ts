import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { type Answer, eventually, send, sharedProject, signUp } from './client.ts'
import { edgeUrl } from './stack.ts'

/**
 * Attachments through NGINX as a client uses them: the API announces an upload and answers presigned
 * URLs; the bytes go to the S3 server under NGINX's /storage/, never through the gateway.
 */

interface Upload {
  attachment: { id: string; status: string; thumbnail: boolean; fileName: string; size: number }
  upload: { method: 'PUT'; url: string; headers: Record<string, string> }
}

const text = Buffer.from('Minutes of Monday.\nEveryone agreed.\n')
/** A presigned URL resolved as a browser resolves it: against the origin it called. */
const onEdge = (url: string) => new URL(url, edgeUrl)

async function attach(authorization: string, taskId: string, fileName: string, body: Buffer, contentType: string) {
  const announced: Answer<Upload> = await send('POST', `/tasks/${taskId}/attachments`, {
    authorization,
    body: { fileName, size: body.length, contentType },
  })
  expect(announced.status, JSON.stringify(announced.body)).toBe(201)
  const { headers } = announced.body.upload
  // The storage is behind this stack's own edge, whatever name the client calls it by: a path on it.
  expect(announced.body.upload.url).toMatch(/^\/storage\//)
  const put = await fetch(onEdge(announced.body.upload.url), { method: 'PUT', headers, body })
  expect(put.status, await put.clone().text()).toBe(200)
  expect(put.headers.get('x-content-type-options')).toBe('nosniff')
  const completed = await send('POST', `/tasks/${taskId}/attachments/${announced.body.attachment.id}/complete`, {
    authorization,
  })
  expect(completed.status, JSON.stringify(completed.body)).toBe(200)
  return completed.body as Upload['attachment']
}

const downloadUrl = async (authorization: string, taskId: string, id: string, variant = 'original') => {
  const answer = await send('GET', `/tasks/${taskId}/attachments/${id}/download?variant=${variant}`, { authorization })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return onEdge(answer.body.url)
}

describe('attachments through NGINX and the S3 server', () => {
  it('uploads, lists, downloads (with a thumbnail for an image) and deletes; members read, strangers see nothing', async () => {
    const owner = await signUp()
    const member = await signUp()
    const stranger = await signUp()
    const { id: projectId } = await sharedProject(owner, member, 'viewer')
    const task = await send('POST', '/tasks', {
      authorization: owner.authorization,
      body: { title: 'Plan', projectId },
    })
    expect(task.status).toBe(201)
    const taskId = task.body.id as string

    const minutes = await attach(owner.authorization, taskId, 'Minutes "Monday".txt', text, 'text/plain')
    expect(minutes).toMatchObject({ status: 'ready', fileName: 'Minutes "Monday".txt', size: text.length })
    const image = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer()
    const photo = await attach(owner.authorization, taskId, 'board.png', image, 'image/png')

    const listed = await send('GET', `/tasks/${taskId}/attachments`, { authorization: member.authorization })
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual([minutes.id, photo.id].sort())

    const file = await fetch(await downloadUrl(member.authorization, taskId, minutes.id))
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).equals(text)).toBe(true)
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')

    // The thumbnail is made in the background (task.attachment.added through Kafka).
    await eventually(
      () => send('GET', `/tasks/${taskId}/attachments`, { authorization: member.authorization }),
      (answer) => answer.body.items?.find((item: { id: string }) => item.id === photo.id)?.thumbnail === true,
    )
    const thumbnail = await fetch(await downloadUrl(member.authorization, taskId, photo.id, 'thumbnail'))
    expect(thumbnail.headers.get('content-type')).toBe('image/webp')
    const { width, height } = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()
    expect(Math.max(width ?? 0, height ?? 0)).toBeLessThanOrEqual(320)

    for (const [method, path] of [
      ['GET', `/tasks/${taskId}/attachments`],
      ['GET', `/tasks/${taskId}/attachments/${minutes.id}/download`],
      ['POST', `/tasks/${taskId}/attachments/${minutes.id}/complete`],
      ['DELETE', `/tasks/${taskId}/attachments/${minutes.id}`],
    ]) {
      expect((await send(method, path, { authorization: stranger.authorization })).status, `${method} ${path}`).toBe(
        404,
      )
    }
    const strangers = await send('POST', `/tasks/${taskId}/attachments`, {
      authorization: stranger.authorization,
      body: { fileName: 'x.txt', size: 1, contentType: 'text/plain' },
    })
    expect(strangers.status).toBe(404)
    const viewers = await send('DELETE', `/tasks/${taskId}/attachments/${minutes.id}`, {
      authorization: member.authorization,
    })
    expect(viewers.status).toBe(403)

    const link = await downloadUrl(owner.authorization, taskId, minutes.id)
    expect((await send('DELETE', `/tasks/${taskId}/attachments/${minutes.id}`, owner)).status).toBe(204)
    expect((await send('GET', `/tasks/${taskId}/attachments/${minutes.id}/download`, owner)).status).toBe(404)
    expect((await fetch(link)).status).toBe(404)

    // Deleting the task removes its files too (through task.deleted, in the background).
    const photoLink = await downloadUrl(owner.authorization, taskId, photo.id)
    expect((await send('DELETE', `/tasks/${taskId}`, owner)).status).toBe(204)
    await eventually(
      () => fetch(photoLink),
      (answer) => answer.status === 404,
    )
  })

  it('refuses what the storage must not take: a file over the limit, a type off the list, unsigned or other requests', async () => {
    const me = await signUp()
    const task = await send('POST', '/tasks', { authorization: me.authorization, body: { title: 'Files' } })
    const announce = (body: Record<string, unknown>) =>
      send('POST', `/tasks/${task.body.id}/attachments`, { authorization: me.authorization, body })
    const tooLarge = await announce({ fileName: 'big.zip', size: 26 * 1024 * 1024, contentType: 'application/zip' })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json')
    expect((await announce({ fileName: 'run.exe', size: 10, contentType: 'application/x-msdownload' })).status).toBe(
      415,
    )

    const ticket: Answer<Upload> = await announce({ fileName: 'a.txt', size: text.length, contentType: 'text/plain' })
    const url = onEdge(ticket.body.upload.url)
    const { headers } = ticket.body.upload
    // The signature covers the type and the length: anything else is refused.
    expect((await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: text })).status).toBe(403)
    expect((await fetch(url, { method: 'PUT', headers, body: Buffer.concat([text, text]) })).status).toBe(403)
    const unsigned = new URL(url)
    unsigned.search = ''
    expect((await fetch(unsigned, { method: 'PUT', headers, body: text })).status).toBe(403)
    expect((await fetch(`${edgeUrl}/storage/${process.env.S3_BUCKET ?? 'focushub-attachments'}/`)).status).toBe(403)
    const deleted = await fetch(url, { method: 'DELETE' })
    expect(deleted.status).toBe(405)
    expect(deleted.headers.get('content-type')).toContain('application/problem+json')
    // Completing before the upload says so.
    const early = await send('POST', `/tasks/${task.body.id}/attachments/${ticket.body.attachment.id}/complete`, me)
    expect(early.status).toBe(409)
  })
})
