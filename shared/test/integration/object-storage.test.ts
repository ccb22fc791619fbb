import { randomUUID } from 'node:crypto'
import { parse } from 'content-disposition'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { AppError } from '../../src/errors.ts'
import { createLogger } from '../../src/logger.ts'
import { createObjectStorage, storageConfig } from '../../src/storage/index.ts'
import { closedAddress } from '../../src/testing/readiness.ts'

// Against the local stack's S3 server (versitygw, scripts/s3.sh), as configured by S3_* (defaults: .env.example's).
const config = { ...loadConfig(storageConfig), S3_PUBLIC_URL: '' }
const storage = createObjectStorage(config, createLogger('test', 'silent'))
const prefix = `test-${randomUUID()}/`
const written: string[] = []

const keyFor = (name: string) => {
  const key = `${prefix}${name}`
  written.push(key)
  return key
}

const hello = Buffer.from('hello, storage')

async function presignHello(key: string, expiresInSeconds = 60) {
  return storage.presignPut(key, { contentType: 'text/plain', contentLength: hello.length, expiresInSeconds })
}

const put = (url: string, headers: Record<string, string>, body: Buffer | string) =>
  fetch(url, { method: 'PUT', headers, body })

beforeAll(() => storage.ensureBucket())

afterAll(async () => {
  await storage.remove(written)
  storage.close()
})

describe('object storage against the local S3 server', () => {
  it('takes a presigned PUT, then describes and reads the object', async () => {
    const key = keyFor('note.txt')
    const { url, headers, expiresAt } = await presignHello(key)
    expect(headers).toEqual({ 'Content-Type': 'text/plain' })
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000)

    expect((await put(url, headers, hello)).status).toBe(200)

    expect(await storage.head(key)).toMatchObject({ size: hello.length, contentType: 'text/plain' })
    expect(await storage.readStart(key, 5)).toEqual(Buffer.from('hello'))
    expect(await storage.readStart(key, 1000)).toEqual(hello)
    expect(await storage.read(key)).toEqual(hello)
  })

  it('refuses a presigned PUT with another length, another type, for another key or with another method', async () => {
    const key = keyFor('strict.txt')
    const { url, headers } = await presignHello(key)

    expect((await put(url, headers, 'hello, storage and more')).status).toBe(403)
    expect((await put(url, { 'Content-Type': 'text/html' }, hello)).status).toBe(403)
    const otherKey = new URL(url)
    otherKey.pathname = otherKey.pathname.replace('strict.txt', 'other.txt')
    written.push(`${prefix}other.txt`)
    expect((await put(otherKey.href, headers, hello)).status).toBe(403)
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(403)

    expect(await storage.head(key)).toBeNull()
    expect(await storage.head(`${prefix}other.txt`)).toBeNull()
  })

  it('refuses a presigned PUT after it expired', async () => {
    const key = keyFor('late.txt')
    const { url, headers } = await presignHello(key, 1)
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect((await put(url, headers, hello)).status).toBe(403)
    expect(await storage.head(key)).toBeNull()
  })

  it('answers a presigned GET with a safe Content-Disposition for an odd file name', async () => {
    const key = keyFor('odd')
    await storage.write(key, hello, 'application/pdf')
    const fileName = 'Q3 "final"/../report\\v2\r\nX-Evil: 1 – Ünïcode 📎\u202efdp.exe'
    const { url } = await storage.presignGet(key, {
      fileName,
      contentType: 'application/pdf',
      disposition: 'attachment',
      expiresInSeconds: 60,
    })

    const answer = await fetch(url)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/pdf')
    expect(answer.headers.get('x-evil')).toBeNull()
    const disposition = answer.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="[ -~]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|-]+$/)
    expect(parse(disposition)).toEqual({
      type: 'attachment',
      parameters: { filename: 'Q3 "final"_.._report_v2__X-Evil: 1 – Ünïcode 📎_fdp.exe' },
    })
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(hello)
  })

  it('answers a presigned GET inline when asked (thumbnails)', async () => {
    const key = keyFor('thumb.png')
    await storage.write(key, hello, 'image/png')
    const { url } = await storage.presignGet(key, {
      fileName: 'thumb.png',
      contentType: 'image/png',
      disposition: 'inline',
      expiresInSeconds: 60,
    })
    const answer = await fetch(url)
    expect(answer.headers.get('content-disposition')).toBe('inline; filename=thumb.png')
    expect((await fetch(url, { method: 'PUT', body: 'x' })).status).toBe(403)
  })

  it('copies an object inside the storage only while it is the version that was checked', async () => {
    const [from, to] = [keyFor('staged.txt'), keyFor('kept.txt')]
    await storage.write(from, hello, 'text/plain')
    const checked = await storage.head(from)
    expect(checked?.etag).toBeTruthy()
    expect(await storage.copy(from, to, { ifMatch: checked?.etag ?? '' })).toBe(true)
    expect(await storage.read(to)).toEqual(hello)

    await storage.write(from, Buffer.from('swapped after the check'), 'text/plain')
    expect(await storage.copy(from, keyFor('never.txt'), { ifMatch: checked?.etag ?? '' })).toBe(false)
    expect(await storage.head(`${prefix}never.txt`)).toBeNull()
  })

  it('refuses an unsigned GET: the bucket is private', async () => {
    const key = keyFor('private.txt')
    await storage.write(key, hello, 'text/plain')
    const answer = await fetch(`${config.S3_ENDPOINT}/${config.S3_BUCKET}/${key}`)
    expect(answer.status).toBe(403)
    expect(await answer.text()).not.toContain('hello')
  })

  it('reads the start of an empty object as nothing', async () => {
    const key = keyFor('empty')
    await storage.write(key, Buffer.alloc(0), 'application/octet-stream')
    expect(await storage.head(key)).toMatchObject({ size: 0, contentType: 'application/octet-stream' })
    expect(await storage.readStart(key, 16)).toEqual(Buffer.alloc(0))
  })

  it('removes objects, absent ones too, in batches of 1000 keys', async () => {
    const first = keyFor('first')
    const last = keyFor('last')
    await storage.write(first, hello, 'text/plain')
    await storage.write(last, hello, 'text/plain')
    const absent = Array.from({ length: 999 }, (_, n) => `${prefix}absent-${n}`)

    await storage.remove([first, ...absent, last])

    expect(await storage.head(first)).toBeNull()
    expect(await storage.head(last)).toBeNull()
    await expect(storage.remove([])).resolves.toBeUndefined()
  })

  it('answers 404 for reading an object that is not there', async () => {
    await expect(storage.read(`${prefix}never-written`)).rejects.toMatchObject({ status: 404, code: 'not-found' })
  })

  it('answers the 503 problem while the storage is down', async () => {
    const down = createObjectStorage({ ...config, S3_ENDPOINT: `http://${closedAddress}` })
    try {
      for (const call of [
        () => down.head(`${prefix}x`),
        () => down.read(`${prefix}x`),
        () => down.write(`${prefix}x`, hello, 'text/plain'),
        () => down.remove([`${prefix}x`]),
        () => down.ensureBucket(),
      ]) {
        const failure = await call().then(
          () => undefined,
          (error: unknown) => error,
        )
        expect(failure).toBeInstanceOf(AppError)
        expect(failure).toMatchObject({ status: 503, code: 'service-unavailable' })
      }
    } finally {
      down.close()
    }
  })
})
