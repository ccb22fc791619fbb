import { ImportFileError } from '@focushub/shared/imports'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readTodoistBackup, readTodoistCsv } from '../../src/modules/imports/todoist-csv.ts'

const header = 'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE'
const file = (...rows: string[]) => [header, ...rows].join('\n')

describe('readTodoistCsv', () => {
  it('nests tasks by INDENT, under the last task one level up', () => {
    const project = readTodoistCsv(
      'P',
      file('task,A,,,1', 'task,A1,,,2', 'task,A1a,,,3', 'task,A2,,,2', 'task,B,,,1', 'task,B1,,,2'),
    )
    expect(
      project.tasks.map((task) => [task.title, task.parent === null ? null : project.tasks[task.parent].title]),
    ).toEqual([
      ['A', null],
      ['A1', 'A'],
      ['A1a', 'A1'],
      ['A2', 'A'],
      ['B', null],
      ['B1', 'B'],
    ])
  })

  it('places a task indented past its parent one level below it, and says so', () => {
    const project = readTodoistCsv('P', file('task,A,,,1', 'task,Deep,,,4'))
    expect(project.tasks[1].parent).toBe(0)
    expect(project.notes).toEqual([
      { project: 'P', line: 3, note: 'INDENT 4 under a task of INDENT 1: placed one level below it' },
    ])
  })

  it('reads priorities p1–p4 (empty is p1, as in Todoist), @labels, notes, and dates it can', () => {
    const project = readTodoistCsv(
      'P',
      file(
        'task,Urgent @work @Work,,1,1,,,2031-01-02',
        'note,First note',
        'note,Second note',
        'task,High,,2,1,,,2031-01-02 07:45',
        'task,Medium,,3,1,,,tomorrow',
        'task,None,,4,1',
        'task,Empty,,,1',
        'task,Odd,,9,1',
      ),
    )
    expect(project.tasks.map((task) => [task.title, task.priority, task.due])).toEqual([
      ['Urgent', 'urgent', '2031-01-02'],
      ['High', 'high', '2031-01-02T07:45'],
      ['Medium', 'medium', null],
      ['None', 'none', null],
      ['Empty', 'urgent', null],
      ['Odd', 'none', null],
    ])
    expect(project.tasks[0]).toMatchObject({ labels: ['work', 'Work'], description: 'First note\n\nSecond note' })
    expect(project.tasks[2].description).toBe('Due in Todoist: tomorrow')
    expect(project.notes.map((note) => note.line)).toEqual([6, 9])
  })

  it('gives each task a key that stays when the file is read again, and differs for a repeated line', () => {
    const text = file('task,Same,,,1', 'task,Same,,,1', 'task,Child,,,2')
    const first = readTodoistCsv('P', text).tasks.map((task) => task.key)
    const second = readTodoistCsv('P', `${text}\ntask,Later,,,1`).tasks.map((task) => task.key)
    expect(new Set(first).size).toBe(3)
    expect(second.slice(0, 3)).toEqual(first)
    expect(readTodoistCsv('Q', text).tasks[0].key).not.toBe(first[0])
  })

  it('skips sections, blank rows, untitled tasks and notes before any task, saying which', () => {
    const project = readTodoistCsv('P', file('note,orphan', 'section,S', ',', 'task, @only', 'meeting,X'))
    expect(project.tasks).toEqual([])
    expect(project.notes.map((note) => note.note)).toEqual([
      'a note before any task: skipped',
      'section "S" not imported (its tasks are)',
      'a task without a title: skipped',
      'unknown TYPE "meeting": skipped',
    ])
  })

  it('refuses a file that is not a Todoist CSV', () => {
    expect(() => readTodoistCsv('P', 'name,email\nAda,a@b.c')).toThrow(ImportFileError)
    expect(() => readTodoistCsv('P', 'TYPE,CONTENT\n"open')).toThrow(ImportFileError)
  })
})

describe('readTodoistBackup', () => {
  const encode = (text: string) => new TextEncoder().encode(text)

  it('reads each CSV of the ZIP as a project named after its file, ignoring the rest', () => {
    const zip = zipSync({
      'b/Work [123].csv': encode(file('task,W,,,1')),
      'Home.csv': encode(file('task,H,,,1')),
      '__MACOSX/._Home.csv': encode('junk'),
      'notes.txt': encode('x'),
    })
    // In the order of their paths.
    expect(readTodoistBackup(zip).map((project) => [project.name, project.tasks.length])).toEqual([
      ['Home', 1],
      ['Work', 1],
    ])
  })

  it('refuses what is not a ZIP, one without CSV, and one whose CSVs are too large', () => {
    expect(() => readTodoistBackup(encode('not a zip'))).toThrow(ImportFileError)
    expect(() => readTodoistBackup(zipSync({ 'a.txt': encode('x') }))).toThrow(/no CSV/)
    const big = zipSync({ 'big.csv': new Uint8Array(21 * 1024 * 1024).fill(44) })
    expect(() => readTodoistBackup(big)).toThrow(/more than/)
  })
})
