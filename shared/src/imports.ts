// Reading the files other tools export (Todoist's CSV and backup ZIP, Loop Habit Tracker's ZIP) and
// FocusHub's own account export: one way for every importing service, with the same limits and the same refusal.
import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import { unzipSync } from 'fflate'
import Type, { type Static, type TSchema } from 'typebox'
import { validatorOf } from './validators.ts'

/** A file that is not what the import reads, with why: the route answers 400 with it. */
export class ImportFileError extends Error {}

/** The largest file an import reads (the gateway's body limit, BODY_LIMIT_BYTES, is 1 MiB too). */
export const maxImportBytes = 1024 * 1024

/** Every import's `?dryRun=`. */
export const DryRun = Type.Optional(
  Type.Boolean({ default: false, description: 'true: answer what the import would make, and make nothing' }),
)

/** An import route's body, a file, by media type with what it is: what its OpenAPI says it reads. */
export const fileBody = (types: Record<string, string>) => ({
  content: Object.fromEntries(
    Object.entries(types).map(([type, description]) => [
      type,
      { schema: Type.String({ minLength: 1, maxLength: maxImportBytes, description }) },
    ]),
  ),
})

/**
 * In an import's routes, the file is the body: a ZIP arrives as a latin1 string, one character per byte
 * (what the schema can check, read back losslessly). Any other type, JSON included, answers 415, unless
 * the routes add a parser of their own (Todoist's CSV).
 */
export function acceptZipBodies(app: FastifyInstance) {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/zip',
    { parseAs: 'buffer', bodyLimit: maxImportBytes },
    (_request, body, done) => done(null, (body as Buffer).toString('latin1')),
  )
}

/** What `read` makes of the body (the file, as a string), or `refuse(why)` (the service's 400 `import-file-invalid`). */
export function readImportBody<T>(body: unknown, read: (file: string) => T, refuse: (why: string) => Error): T {
  if (typeof body !== 'string' || body === '') throw refuse('Send the file as the body')
  try {
    return read(body)
  } catch (error) {
    if (error instanceof ImportFileError) throw refuse(error.message)
    throw error
  }
}

/** A ZIP body's bytes (acceptZipBodies). */
export const zipBytes = (file: string) => Buffer.from(file, 'latin1')

/** What a ZIP may hold of the files read: their sizes unpacked, added up as declared, before inflating. */
const maxUnzippedBytes = 20 * 1024 * 1024

/**
 * A CSV's rows: objects by header (`columns: true`, or a function renaming the header's cells) or arrays.
 * A byte-order mark, empty lines and ragged rows are accepted; anything csv-parse cannot read is refused.
 */
export function readCsv(file: string, text: string, columns: boolean | ((header: string[]) => string[])): unknown[] {
  try {
    return parse(text, { bom: true, columns, skip_empty_lines: true, relax_column_count: true })
  } catch (error) {
    throw new ImportFileError(`${file}: not a CSV file (${(error as Error).message})`)
  }
}

/** A JSON file's value; anything JSON.parse cannot read is refused. */
export function readJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ImportFileError(`${file}: not a JSON file (${(error as Error).message})`)
  }
}

/**
 * The files of a ZIP whose path `wanted` matches, by path (macOS's `__MACOSX/` copies and other files
 * left out), refusing what is not a ZIP and one whose wanted files would unpack to more than 20 MiB.
 */
export function unzipFiles(zip: Uint8Array, wanted: RegExp): Record<string, Uint8Array> {
  let total = 0
  try {
    return unzipSync(zip, {
      filter: (file) => {
        if (!wanted.test(file.name) || file.name.startsWith('__MACOSX/')) return false
        total += file.originalSize
        if (total > maxUnzippedBytes)
          throw new ImportFileError(`the ZIP holds more than ${maxUnzippedBytes} bytes of files to read`)
        return true
      },
    })
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    throw new ImportFileError(`not a ZIP file (${(error as Error).message})`)
  }
}

/** What FocusHub's account export (notification-service writes it) names itself in its manifest.json. */
export const focusHubExportFormat = { format: 'focushub-export', version: 1 } as const

const escaped = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The JSON files `paths` (`tasks/tasks.json`) of a FocusHub account export, each an array of items as
 * the API showed them. Refused: a ZIP whose manifest.json does not name the format and version this
 * reads, or without one of the files. The export may sit in a folder of the ZIP (unzipped and zipped again).
 */
export function readFocusHubExport(zip: Uint8Array, paths: string[]): Record<string, unknown[]> {
  const names = ['manifest.json', ...paths].map(escaped).join('|')
  const files = unzipFiles(zip, new RegExp(`(?:^|/)(?:${names})$`))
  const decode = (path: string) => new TextDecoder().decode(files[path])
  const manifestPath = Object.keys(files)
    .filter((path) => path.split('/').at(-1) === 'manifest.json')
    .sort((a, b) => a.length - b.length)[0]
  if (!manifestPath) throw new ImportFileError('no manifest.json: not a FocusHub export')
  const manifest = readJson('manifest.json', decode(manifestPath))
  const about = (typeof manifest === 'object' && manifest !== null ? manifest : {}) as Record<string, unknown>
  const { format, version } = focusHubExportFormat
  if (about.format !== format)
    throw new ImportFileError(`manifest.json does not name the format "${format}": not a FocusHub export`)
  if (about.version !== version)
    throw new ImportFileError(
      `manifest.json names version ${JSON.stringify(about.version) ?? 'none'} of the FocusHub export: this FocusHub reads version ${version}`,
    )
  const base = manifestPath.slice(0, manifestPath.length - 'manifest.json'.length)
  return Object.fromEntries(
    paths.map((path) => {
      if (!files[`${base}${path}`]) throw new ImportFileError(`the export holds no ${path}`)
      const items = readJson(path, decode(`${base}${path}`))
      if (!Array.isArray(items)) throw new ImportFileError(`${path}: not a JSON array of items`)
      return [path, items]
    }),
  )
}

/** Something of an export not carried over: the file and the item's index in its array, and why. */
export const ExportNote = Type.Object({
  file: Type.String({ description: 'The export’s file, e.g. tasks/tasks.json' }),
  index: Type.Integer({ minimum: 0, description: 'The item’s index in the file’s array (0 is the first)' }),
  note: Type.String({ description: 'What was not carried over, and why' }),
})
export type ExportNote = Static<typeof ExportNote>

/** Whether `value` is what `schema` says; when not, a note says what is wrong with the `index`th item of `file`. */
export function checkItem<T extends TSchema>(
  schema: T,
  value: unknown,
  { file, index }: { file: string; index: number },
  notes: ExportNote[],
): value is Static<T> {
  const validator = validatorOf(schema)
  if (validator.Check(value)) return true
  const [error] = validator.Errors(value)
  const problem = error ? `${error.instancePath || 'the item'} ${error.message}` : 'not valid'
  notes.push({ file, index, note: `not imported: ${problem}` })
  return false
}

/** The items of an export's file that are what `schema` says, each with its index; every other one is noted. */
export function checkedItems<T extends TSchema>(file: string, items: unknown[], schema: T, notes: ExportNote[]) {
  return items.flatMap((item, index) =>
    checkItem(schema, item, { file, index }, notes) ? [{ index, item: item as Static<T> }] : [],
  )
}
