import { describe, expect, it } from 'vitest'
import { acceptedFiles, checkFile, humanSize, maxAttachmentBytes, typeLabel } from '../../src/tasks/attachments.ts'

describe('a size said humanly', () => {
  it('says bytes up to 1 KB, then KB, MB and GB of 1024, one decimal below 10', () => {
    expect(humanSize(0)).toBe('0 bytes')
    expect(humanSize(1)).toBe('1 byte')
    expect(humanSize(1023)).toBe('1023 bytes')
    expect(humanSize(1024)).toBe('1 KB')
    expect(humanSize(1536)).toBe('1.5 KB')
    expect(humanSize(12_800)).toBe('13 KB')
    expect(humanSize(25 * 1024 * 1024)).toBe('25 MB')
    expect(humanSize(3 * 1024 ** 3)).toBe('3 GB')
    expect(humanSize(5 * 1024 ** 4)).toBe('5120 GB')
  })

  it('never says 1024 of a unit: it says 1 of the next', () => {
    expect(humanSize(1024 * 1024 - 1)).toBe('1 MB')
    expect(humanSize(1023 * 1024)).toBe('1023 KB')
  })
})

describe('a file checked before it is announced', () => {
  it('takes the types task-service takes, as the browser names them', () => {
    expect(checkFile({ name: 'pixel.png', size: 68, type: 'image/png' })).toEqual({ contentType: 'image/png' })
    expect(checkFile({ name: 'notes.txt', size: 5, type: 'text/plain' })).toEqual({ contentType: 'text/plain' })
    expect(checkFile({ name: 'A.PDF', size: 5, type: 'Application/PDF' })).toEqual({ contentType: 'application/pdf' })
  })

  it('goes by the extension when the browser gives no type or one task-service does not take', () => {
    expect(checkFile({ name: 'plan.md', size: 5, type: '' })).toEqual({ contentType: 'text/markdown' })
    expect(checkFile({ name: 'sales.csv', size: 5, type: 'application/vnd.ms-excel' })).toEqual({
      contentType: 'text/csv',
    })
    expect(checkFile({ name: 'photo.JPG', size: 5, type: '' })).toEqual({ contentType: 'image/jpeg' })
  })

  it('refuses another type in task-service’s words', () => {
    expect(checkFile({ name: 'setup.exe', size: 5, type: 'application/x-msdownload' })).toEqual({
      problem: 'Files of type application/x-msdownload cannot be attached',
    })
    expect(checkFile({ name: 'README', size: 5, type: '' })).toEqual({
      problem: 'Files of this type cannot be attached',
    })
  })

  it('refuses a file over 25 MB, and takes one of exactly 25 MB', () => {
    expect(checkFile({ name: 'scan.pdf', size: maxAttachmentBytes + 1, type: 'application/pdf' })).toEqual({
      problem: 'An attachment may have at most 25 MB',
    })
    expect(checkFile({ name: 'scan.pdf', size: maxAttachmentBytes, type: 'application/pdf' })).toEqual({
      contentType: 'application/pdf',
    })
  })

  it('offers the file picker every type and extension taken', () => {
    const accepted = acceptedFiles.split(',')
    expect(accepted).toEqual(expect.arrayContaining(['image/png', '.png', 'text/markdown', '.md', '.docx']))
    expect(accepted).not.toContain('.exe')
  })
})

describe("a file's type labelled", () => {
  it('names the types taken, and any other by its extension', () => {
    expect(typeLabel('application/pdf', 'scan.pdf')).toBe('PDF')
    expect(typeLabel('text/plain; charset=utf-8', 'notes.txt')).toBe('Text')
    expect(typeLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'q3.xlsx')).toBe('Excel')
    expect(typeLabel('application/x-tar', 'backup.tar')).toBe('TAR')
    expect(typeLabel('application/octet-stream', 'blob')).toBe('File')
  })
})
