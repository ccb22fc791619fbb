import { create } from 'content-disposition'

/**
 * Control characters, the bidirectional overrides that disguise a file's extension, and the path
 * separators some clients would turn into folders.
 */
const unsafeInFileName = /[\p{Cc}\u202a-\u202e\u2066-\u2069/\\]/gu

/**
 * The Content-Disposition a download answers with: the user's file name made safe (no control
 * characters, bidirectional overrides or path separators), as an ASCII `filename` and the exact UTF-8 `filename*` (RFC 6266).
 */
export function contentDispositionOf(fileName: string, disposition: 'attachment' | 'inline') {
  const safe = fileName.normalize('NFC').replace(unsafeInFileName, '_').trim() || 'download'
  return create(safe, { type: disposition })
}
