import { describe, expect, it } from 'vitest'
import { ProblemError } from '../../src/api/problem.ts'
import type { ImportReport } from '../../src/settings/todoist-import-queries.ts'
import {
  countText,
  defaultProjectName,
  fileMessage,
  importType,
  listText,
  maxImportBytes,
  moreNotesText,
  noteText,
  projectMessage,
  projectText,
  summaryText,
} from '../../src/settings/todoist-import-text.ts'

const report = (change: Partial<ImportReport> = {}): ImportReport => ({
  dryRun: true,
  projects: [{ name: 'Launch', projectId: null, new: true, tasks: 3, alreadyImported: 0 }],
  created: { projects: 1, tasks: 3, labels: 2 },
  alreadyImported: 0,
  noteCount: 0,
  notes: [],
  ...change,
})

describe('the file sent', () => {
  it('goes as a CSV or a ZIP by its name, else by the type the browser gave it', () => {
    expect(importType({ name: 'Launch.csv', type: '' })).toBe('text/csv')
    expect(importType({ name: 'LAUNCH.CSV', type: 'application/vnd.ms-excel' })).toBe('text/csv')
    expect(importType({ name: 'Todoist backup.zip', type: '' })).toBe('application/zip')
    expect(importType({ name: 'export', type: 'text/csv' })).toBe('text/csv')
    expect(importType({ name: 'export', type: 'application/x-zip-compressed' })).toBe('application/zip')
    expect(importType({ name: 'notes.txt', type: 'text/plain' })).toBeUndefined()
    expect(importType({ name: 'Launch.csv.txt', type: '' })).toBeUndefined()
  })

  it('is refused here when it is neither, or over 1 MiB', () => {
    expect(fileMessage({ name: 'Launch.csv', type: 'text/csv', size: maxImportBytes })).toBeUndefined()
    expect(fileMessage({ name: 'Launch.csv', type: 'text/csv', size: maxImportBytes + 1 })).toMatch(/larger than 1 MiB/)
    expect(fileMessage({ name: 'photo.png', type: 'image/png', size: 10 })).toBe(
      'Choose a .csv or .zip file exported from Todoist.',
    )
  })

  it("names a CSV's project after the file, as the API names a backup's", () => {
    expect(defaultProjectName('Launch.csv')).toBe('Launch')
    expect(defaultProjectName('Home [2203306141].csv')).toBe('Home')
    expect(defaultProjectName('  Garden plans .CSV')).toBe('Garden plans')
    expect(defaultProjectName('.csv')).toBe('Todoist')
    expect(defaultProjectName(`${'x'.repeat(120)}.csv`)).toHaveLength(100)
  })
})

describe('the report', () => {
  it('counts and lists', () => {
    expect(countText(1, 'project')).toBe('1 project')
    expect(countText(0, 'label')).toBe('0 labels')
    expect(listText([])).toBe('')
    expect(listText(['a'])).toBe('a')
    expect(listText(['a', 'b'])).toBe('a and b')
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c')
  })

  it('says what a check would make and what an import made, in a sentence', () => {
    expect(summaryText(report())).toBe('Will create 1 project, 3 tasks and 2 labels; 0 already imported.')
    expect(summaryText(report({ dryRun: false }))).toBe('Created 1 project, 3 tasks and 2 labels; 0 already imported.')
    expect(summaryText(report({ created: { projects: 0, tasks: 1, labels: 0 }, alreadyImported: 4 }))).toBe(
      'Will create 0 projects, 1 task and 0 labels; 4 already imported.',
    )
    const again = { created: { projects: 0, tasks: 0, labels: 0 }, alreadyImported: 3 }
    expect(summaryText(report(again))).toBe('Nothing new to create; 3 already imported.')
    expect(summaryText(report({ ...again, dryRun: false }))).toBe('Created nothing new; 3 already imported.')
  })

  it("says each project's part", () => {
    const launch = report().projects[0]
    expect(projectText(launch, true)).toBe('new project · 3 tasks to create')
    expect(projectText(launch, false)).toBe('new project · 3 tasks created')
    expect(projectText({ ...launch, new: false, tasks: 1, alreadyImported: 3 }, true)).toBe(
      'imported before · 1 task to create · 3 already imported',
    )
  })

  it("says a note's line, and its project's name when there are several", () => {
    const note = { project: 'Home', line: 2, note: 'section "Planning" not imported (its tasks are)' }
    expect(noteText(note, false)).toBe('Line 2: section "Planning" not imported (its tasks are)')
    expect(noteText(note, true)).toBe('Home, line 2: section "Planning" not imported (its tasks are)')
  })

  it('says how many notes are not listed', () => {
    expect(moreNotesText(2, 2)).toBeUndefined()
    expect(moreNotesText(250, 20)).toBe('and 230 more')
  })
})

describe("the project name's refusal", () => {
  const refusal = (message: string) =>
    new ProblemError({
      type: 'https://focushub.dev/problems/validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid',
      code: 'validation-failed',
      errors: [{ field: '/querystring/project', message }],
    })

  it('asks for a name when it is blank, and keeps what else the API says', () => {
    expect(projectMessage(refusal('must match pattern "\\S"'))).toBe('Enter a name for the project.')
    expect(projectMessage(refusal('must NOT have fewer than 1 characters'))).toBe('Enter a name for the project.')
    expect(projectMessage(refusal('must NOT have more than 100 characters'))).toBe(
      'must NOT have more than 100 characters',
    )
    expect(projectMessage(new Error('offline'))).toBeUndefined()
    expect(projectMessage(undefined)).toBeUndefined()
  })
})
