// What the Attachments section knows of files before asking task-service: the types it takes, the
// size limit, and how a file is said (its size in human units, a short label for its type). The
// service stays the authority: these only spare an upload it would refuse, in its own words.

/** The largest attachment task-service takes (its ATTACHMENT_MAX_BYTES default, 25 MB). */
export const maxAttachmentBytes = 25 * 1024 * 1024

/** Each type task-service takes, with the label the list shows for a file of it and its extensions. */
const types = {
  'image/png': { label: 'PNG', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'image/gif': { label: 'GIF', extensions: ['gif'] },
  'image/webp': { label: 'WebP', extensions: ['webp'] },
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'text/plain': { label: 'Text', extensions: ['txt', 'text', 'log'] },
  'text/csv': { label: 'CSV', extensions: ['csv'] },
  'text/markdown': { label: 'Markdown', extensions: ['md', 'markdown'] },
  'application/json': { label: 'JSON', extensions: ['json'] },
  'application/zip': { label: 'ZIP', extensions: ['zip'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word', extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    label: 'PowerPoint',
    extensions: ['pptx'],
  },
  'application/vnd.oasis.opendocument.text': { label: 'ODT', extensions: ['odt'] },
} as const

type AllowedType = keyof typeof types

const isAllowed = (type: string): type is AllowedType => Object.hasOwn(types, type)

/** The file input's `accept`: every type taken, and their extensions for pickers that go by name. */
export const acceptedFiles = Object.entries(types)
  .flatMap(([type, { extensions }]) => [type, ...extensions.map((extension) => `.${extension}`)])
  .join(',')

const extensionOf = (fileName: string) => /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase()

/** The allowed type a file name's extension stands for, if any. */
function typeByExtension(fileName: string) {
  const extension = extensionOf(fileName)
  return (Object.keys(types) as AllowedType[]).find((type) =>
    (types[type].extensions as readonly string[]).includes(extension ?? ''),
  )
}

/** The file a person picked or dropped, as the browser describes it. */
export interface PickedFile {
  name: string
  size: number
  /** The browser's guess from the name: empty when it has none, and not always one of ours (a CSV on Windows). */
  type: string
}

/**
 * The content type to announce a file as, or the refusal task-service would give (its wording, the
 * size in human units). The browser's type when task-service takes it, else the one its extension
 * stands for (`.md` often comes without a type).
 */
export function checkFile(file: PickedFile): { contentType: string } | { problem: string } {
  const declared = file.type.split(';', 1)[0]!.trim().toLowerCase()
  const contentType = isAllowed(declared) ? declared : typeByExtension(file.name)
  if (!contentType) {
    return {
      problem: declared ? `Files of type ${declared} cannot be attached` : 'Files of this type cannot be attached',
    }
  }
  if (file.size > maxAttachmentBytes)
    return { problem: `An attachment may have at most ${humanSize(maxAttachmentBytes)}` }
  return { contentType }
}

const units = ['KB', 'MB', 'GB'] as const

/** A size as people read it: bytes up to 1 KB, then KB, MB or GB (of 1024), one decimal below 10. */
export function humanSize(bytes: number) {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`
  let value = bytes / 1024
  let unit = 0
  // From 1023.5 on, a value would round to 1024 of its unit: it is said in the next one.
  while (value >= 1023.5 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value)
  return `${shown} ${units[unit]}`
}

/** The short label of a file's type, shown where an image would have its preview ("PDF", "Text"). */
export function typeLabel(contentType: string, fileName: string) {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase()
  if (isAllowed(type)) return types[type].label
  return extensionOf(fileName)?.toUpperCase().slice(0, 5) ?? 'File'
}

/** Images get a thumbnail from task-service, made in the background after the upload completes. */
export const isImage = (contentType: string) => contentType.startsWith('image/')
