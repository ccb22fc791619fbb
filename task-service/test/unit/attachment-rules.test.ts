import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { contentMatches } from '../../src/modules/attachments/attachment-content.ts'
import {
  allowedTypeOf,
  fileNameOf,
  fitsQuota,
  objectKeyOf,
  quotaLeft,
  servedTypeOf,
  thumbnailKeyOf,
} from '../../src/modules/attachments/attachment-rules.ts'

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const odt = 'application/vnd.oasis.opendocument.text'

/** A zip archive of stored (uncompressed) entries, local headers only: what file-type reads first. */
function zipOf(entries: Record<string, string>) {
  return Buffer.concat(
    Object.entries(entries).flatMap(([name, content]) => {
      const header = Buffer.alloc(30)
      header.writeUInt32LE(0x04034b50, 0)
      header.writeUInt16LE(20, 4)
      header.writeUInt32LE(Buffer.byteLength(content), 18)
      header.writeUInt32LE(Buffer.byteLength(content), 22)
      header.writeUInt16LE(Buffer.byteLength(name), 26)
      return [header, Buffer.from(name), Buffer.from(content)]
    }),
  )
}

const png = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
    .png()
    .toBuffer()
const elf = Buffer.from('\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00', 'latin1')

describe('file names', () => {
  it('are trimmed display names of 1 to 255 characters', () => {
    expect(fileNameOf('  report.pdf \n')).toEqual({ name: 'report.pdf' })
    expect(fileNameOf('../../etc/passwd')).toEqual({ name: '../../etc/passwd' })
    expect(fileNameOf('   ')).toEqual({ problem: 'must not be empty' })
    expect(fileNameOf('é'.repeat(255))).toEqual({ name: 'é'.repeat(255) })
    expect(fileNameOf('😀'.repeat(255))).toEqual({ name: '😀'.repeat(255) })
    expect(fileNameOf('a'.repeat(256))).toEqual({ problem: 'must be at most 255 characters' })
  })

  it('hold no control characters, line separators or bidirectional overrides', () => {
    for (const name of [
      'a\u0000b',
      'line\nbreak.txt',
      'tab\tname',
      'del\u007f',
      'c1\u0085',
      'para\u2028graph',
      'invoice\u202efdp.exe',
    ]) {
      expect(fileNameOf(name), JSON.stringify(name)).toEqual({ problem: 'must not contain control characters' })
    }
  })
})

describe('the allow-list', () => {
  it('takes the listed types, in any case and with parameters', () => {
    expect(allowedTypeOf('image/png')).toBe('image/png')
    expect(allowedTypeOf('Text/Plain; charset=UTF-8')).toBe('text/plain')
    expect(allowedTypeOf(docx)).toBe(docx)
    for (const refused of ['image/svg+xml', 'text/html', 'application/x-msdownload', 'application/octet-stream', '']) {
      expect(allowedTypeOf(refused), refused).toBeUndefined()
    }
  })

  it('serves text as UTF-8 and the rest as declared', () => {
    expect(servedTypeOf('text/csv')).toBe('text/csv; charset=utf-8')
    expect(servedTypeOf('image/png')).toBe('image/png')
  })

  it('keys objects by attachment id only', () => {
    expect(objectKeyOf('0193a1b2-0000-7000-8000-000000000001')).toBe('attachments/0193a1b2-0000-7000-8000-000000000001')
    expect(thumbnailKeyOf('0193a1b2-0000-7000-8000-000000000001')).toBe(
      'thumbnails/0193a1b2-0000-7000-8000-000000000001.webp',
    )
  })
})

describe('content checks', () => {
  it('accept a file whose signature is its declared type', async () => {
    expect(await contentMatches('image/png', await png(), true)).toBe(true)
    expect(await contentMatches('application/pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), true)).toBe(true)
    expect(await contentMatches('application/zip', zipOf({ 'notes.txt': 'hi' }), true)).toBe(true)
  })

  it('refuse a file of another type than declared', async () => {
    expect(await contentMatches('application/pdf', await png(), true)).toBe(false)
    expect(await contentMatches('image/jpeg', await png(), true)).toBe(false)
    expect(await contentMatches('image/png', Buffer.from('not an image'), true)).toBe(false)
    expect(await contentMatches('application/zip', elf, true)).toBe(false)
  })

  it('take an office document seen only as the zip it is, and a zip that is an office document', async () => {
    const odtFile = zipOf({ mimetype: odt })
    expect(await contentMatches(odt, odtFile, true)).toBe(true)
    expect(await contentMatches('application/zip', odtFile, true)).toBe(true)
    expect(await contentMatches(docx, zipOf({ '[Content_Types].xml': '<Types/>' }), false)).toBe(true)
    expect(await contentMatches(docx, odtFile, true)).toBe(false)
    expect(await contentMatches(docx, Buffer.from('%PDF-1.7\n'), true)).toBe(false)
  })

  it('take text that is UTF-8 without NUL and of no binary format', async () => {
    expect(await contentMatches('text/csv', Buffer.from('name,city\nZoë,Zürich\n'), true)).toBe(true)
    expect(await contentMatches('application/json', Buffer.from('{"a": [1, 2]}'), true)).toBe(true)
    expect(await contentMatches('text/plain', Buffer.alloc(0), true)).toBe(true)
    expect(await contentMatches('text/plain', elf, true)).toBe(false)
    expect(await contentMatches('text/markdown', await png(), true)).toBe(false)
    expect(await contentMatches('text/plain', Buffer.from('nul\u0000inside'), true)).toBe(false)
    expect(await contentMatches('text/plain', Buffer.from([0x61, 0xff, 0x62]), true)).toBe(false)
  })

  it('let a sample end inside a character, not a whole file', async () => {
    const cut = Buffer.from('Zürich').subarray(0, 2)
    expect(await contentMatches('text/plain', cut, false)).toBe(true)
    expect(await contentMatches('text/plain', cut, true)).toBe(false)
  })
})

describe('the quota', () => {
  it('fits an upload up to the last byte', () => {
    expect(fitsQuota(900, 100, 1000)).toBe(true)
    expect(fitsQuota(900, 101, 1000)).toBe(false)
    expect(fitsQuota(0, 1000, 1000)).toBe(true)
  })

  it('leaves nothing negative when a lowered quota is already exceeded', () => {
    expect(quotaLeft(250, 1000)).toBe(750)
    expect(quotaLeft(1200, 1000)).toBe(0)
  })
})
