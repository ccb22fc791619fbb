// Reading the files other tools export (Todoist's CSV and backup ZIP, Loop Habit Tracker's ZIP): one
// way for every importing service, with the same limits and the same refusal.
import { parse } from 'csv-parse/sync'
import { unzipSync } from 'fflate'

/** A file that is not what the import reads, with why: the route answers 400 with it. */
export class ImportFileError extends Error {}

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

/**
 * The `.csv` files of a ZIP by path (macOS's `__MACOSX/` copies and other files left out), refusing
 * what is not a ZIP and one whose CSVs would unpack to more than 20 MiB.
 */
export function unzipCsvFiles(zip: Uint8Array): Record<string, Uint8Array> {
  let total = 0
  try {
    return unzipSync(zip, {
      filter: (file) => {
        if (!/\.csv$/i.test(file.name) || file.name.startsWith('__MACOSX/')) return false
        total += file.originalSize
        if (total > maxUnzippedBytes)
          throw new ImportFileError(`the ZIP holds more than ${maxUnzippedBytes} bytes of CSV`)
        return true
      },
    })
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    throw new ImportFileError(`not a ZIP file (${(error as Error).message})`)
  }
}
