import { fileTypeFromBuffer } from 'file-type'
import { isOffice, isText } from './attachment-rules.ts'

/**
 * Bytes of an object's start its check reads: enough for file-type to look past a zip's first
 * entries (which tell a .docx from a plain .zip) without reading a whole upload.
 */
export const sampleBytes = 64 * 1024

const zip = 'application/zip'

/** Whether what the bytes turned out to be is what the upload was declared as. */
function consistent(declared: string, sniffed: string | undefined) {
  if (sniffed === undefined) return false
  if (sniffed === declared) return true
  // OOXML and OpenDocument files are zip archives: one is a fair .zip, and a sample that ends
  // before the entry naming the format shows only the zip around it.
  if (declared === zip) return isOffice(sniffed)
  return isOffice(declared) && sniffed === zip
}

/** UTF-8 with no NUL; the end of a sample may cut a character in two, which is not an error. */
function isUtf8Text(sample: Buffer, whole: boolean) {
  if (sample.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !whole })
    return true
  } catch {
    return false
  }
}

/**
 * Whether an object's first bytes (`sample`; `whole` when they are all of it) match the type it
 * was declared as: binary types by their signature (file-type), text as UTF-8 without NUL in which
 * file-type recognises no format (an executable or an image declared as text is refused).
 */
export async function contentMatches(declared: string, sample: Buffer, whole: boolean) {
  const sniffed = (await fileTypeFromBuffer(sample))?.mime
  if (isText(declared)) return sniffed === undefined && isUtf8Text(sample, whole)
  return consistent(declared, sniffed)
}
