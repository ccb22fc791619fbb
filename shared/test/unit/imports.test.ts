import { strToU8, zipSync } from 'fflate'
import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import {
  checkedItems,
  type ExportNote,
  ImportFileError,
  readFocusHubExport,
  readJson,
  unzipFiles,
} from '../../src/imports.ts'

const manifest = (about: object = { format: 'focushub-export', version: 1 }) => strToU8(JSON.stringify(about))
const json = (value: unknown) => strToU8(JSON.stringify(value))

describe('unzipFiles', () => {
  it('unpacks the files wanted only, never macOS’s copies', () => {
    const zip = zipSync({ 'a.csv': strToU8('x'), 'b.json': strToU8('[]'), '__MACOSX/a.csv': strToU8('y') })
    expect(Object.keys(unzipFiles(zip, /\.csv$/))).toEqual(['a.csv'])
    expect(Object.keys(unzipFiles(zip, /\.(csv|json)$/))).toEqual(['a.csv', 'b.json'])
  })
})

describe('readJson', () => {
  it('reads JSON, and refuses what is not', () => {
    expect(readJson('a.json', '[1]')).toEqual([1])
    expect(() => readJson('a.json', '[1')).toThrow(ImportFileError)
    expect(() => readJson('a.json', '[1')).toThrow(/^a\.json: not a JSON file/)
  })
})

describe('readFocusHubExport', () => {
  it('reads the files asked for, in the export’s folder if it sits in one', () => {
    const zip = zipSync({
      'export/manifest.json': manifest(),
      'export/habits/habits.json': json([{ id: 1 }]),
      'export/habits/habits.csv': strToU8('id\r\n1'),
    })
    expect(readFocusHubExport(zip, ['habits/habits.json'])).toEqual({ 'habits/habits.json': [{ id: 1 }] })
  })

  it('refuses another ZIP, another format or version, and an export without a file or with one not an array', () => {
    const read = (files: Record<string, Uint8Array>) => () => readFocusHubExport(zipSync(files), ['tasks/tasks.json'])
    const tasks = json([])
    expect(read({ 'Habits.csv': strToU8('Name') })).toThrow('no manifest.json: not a FocusHub export')
    expect(read({ 'manifest.json': strToU8('{') })).toThrow(/^manifest\.json: not a JSON file/)
    expect(read({ 'manifest.json': manifest({ format: 'todoist' }), 'tasks/tasks.json': tasks })).toThrow(
      'manifest.json does not name the format "focushub-export": not a FocusHub export',
    )
    expect(read({ 'manifest.json': manifest({ format: 'focushub-export', version: 2 }) })).toThrow(
      'manifest.json names version 2 of the FocusHub export: this FocusHub reads version 1',
    )
    expect(read({ 'manifest.json': manifest({ format: 'focushub-export' }) })).toThrow(/names version none/)
    expect(read({ 'manifest.json': manifest() })).toThrow('the export holds no tasks/tasks.json')
    expect(read({ 'manifest.json': manifest(), 'tasks/tasks.json': json({}) })).toThrow(
      'tasks/tasks.json: not a JSON array of items',
    )
    expect(() => readFocusHubExport(strToU8('PK nope'), [])).toThrow(/^not a ZIP file/)
  })
})

describe('checkedItems', () => {
  it('answers the items the schema admits with their index, and notes the others with what is wrong', () => {
    const notes: ExportNote[] = []
    const items = checkedItems('a.json', [{ n: 1 }, { n: 'x' }, 7, { n: 3 }], Type.Object({ n: Type.Integer() }), notes)
    expect(items).toEqual([
      { index: 0, item: { n: 1 } },
      { index: 3, item: { n: 3 } },
    ])
    expect(notes).toEqual([
      { file: 'a.json', index: 1, note: 'not imported: /n must be integer' },
      { file: 'a.json', index: 2, note: 'not imported: the item must be object' },
    ])
  })
})
