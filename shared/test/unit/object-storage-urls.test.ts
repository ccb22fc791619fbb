import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'
import { createObjectStorage, storageConfig } from '../../src/storage/index.ts'

// Presigning is local computation: no S3 server is asked.
const config = loadConfig(storageConfig, {})

describe('object storage URLs', () => {
  it('loads the local defaults, with URLs handed out as signed unless S3_PUBLIC_URL names a public origin', () => {
    expect(config).toMatchObject({
      S3_ENDPOINT: 'http://127.0.0.1:7070',
      S3_PUBLIC_URL: '',
      S3_BUCKET: 'focushub-attachments',
      S3_FORCE_PATH_STYLE: true,
    })
    expect(loadConfig(storageConfig, { S3_FORCE_PATH_STYLE: 'false' }).S3_FORCE_PATH_STYLE).toBe(false)
    expect(() => loadConfig(storageConfig, { S3_PUBLIC_URL: 'localhost/storage' })).toThrow(/S3_PUBLIC_URL/)
    expect(loadConfig(storageConfig, { S3_PUBLIC_URL: '/storage' }).S3_PUBLIC_URL).toBe('/storage')
    expect(() => loadConfig(storageConfig, { S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/)
  })

  it('signs for the internal endpoint and hands the same path and query out under the public origin', async () => {
    const signed = createObjectStorage(config)
    const proxied = createObjectStorage({ ...config, S3_PUBLIC_URL: 'http://localhost/storage/' })
    const options = { contentType: 'image/png', contentLength: 1234, expiresInSeconds: 300 }
    const direct = new URL((await signed.presignPut('a/b c.png', options)).url)
    const { url, headers, expiresAt } = await proxied.presignPut('a/b c.png', options)

    expect(direct.origin).toBe('http://127.0.0.1:7070')
    expect(direct.pathname).toBe('/focushub-attachments/a/b%20c.png')
    expect(url.startsWith('http://localhost/storage/focushub-attachments/a/b%20c.png?')).toBe(true)
    const query = new URL(url).searchParams
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host')
    expect(query.get('X-Amz-Expires')).toBe('300')
    expect(headers).toEqual({ 'Content-Type': 'image/png' })
    expect(Math.abs(expiresAt.getTime() - (Date.now() + 300_000))).toBeLessThan(5000)
    const onAnyOrigin = createObjectStorage({ ...config, S3_PUBLIC_URL: '/storage' })
    const relative = (await onAnyOrigin.presignPut('a/b c.png', options)).url
    expect(relative.startsWith('/storage/focushub-attachments/a/b%20c.png?')).toBe(true)
    expect(new URL(relative, 'http://127.0.0.1').search).toBe(new URL(url).search)
    signed.close()
    proxied.close()
    onAnyOrigin.close()
  })

  it('signs the download disposition and type into the URL', async () => {
    const storage = createObjectStorage(config)
    const { url } = await storage.presignGet('k', {
      fileName: 'résumé "v2".pdf',
      contentType: 'application/pdf',
      disposition: 'attachment',
      expiresInSeconds: 60,
    })
    const query = new URL(url).searchParams
    expect(query.get('response-content-disposition')).toBe(
      `attachment; filename="r?sum? \\"v2\\".pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.pdf`,
    )
    expect(query.get('response-content-type')).toBe('application/pdf')
    storage.close()
  })

  it('refuses a public origin with virtual-host URLs, whose bucket is in the host the proxy drops', () => {
    expect(() =>
      createObjectStorage({ ...config, S3_PUBLIC_URL: 'http://localhost/storage', S3_FORCE_PATH_STYLE: false }),
    ).toThrow(ConfigError)
  })
})
