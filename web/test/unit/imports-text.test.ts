import { describe, expect, it } from 'vitest'
import { ProblemError } from '../../src/api/problem.ts'
import type { FocusHubReport, LoopReport, TodoistReport } from '../../src/settings/imports-queries.ts'
import {
  acceptOf,
  countText,
  defaultProjectName,
  fileMessage,
  focusHubNoteText,
  focusHubSummaryText,
  habitText,
  importSources,
  importType,
  listText,
  loopNoteText,
  loopSummaryText,
  maxImportBytes,
  moreNotesText,
  projectMessage,
  projectText,
  sourceChoices,
  todoistNoteText,
  todoistSummaryText,
} from '../../src/settings/imports-text.ts'

const report = (change: Partial<TodoistReport> = {}): TodoistReport => ({
  dryRun: true,
  projects: [{ name: 'Launch', projectId: null, new: true, tasks: 3, alreadyImported: 0 }],
  created: { projects: 1, tasks: 3, labels: 2 },
  alreadyImported: 0,
  noteCount: 0,
  notes: [],
  ...change,
})

describe('the sources', () => {
  it('are Todoist, then Loop Habit Tracker, then a FocusHub export', () => {
    expect(sourceChoices).toEqual(['todoist', 'loop', 'focushub'])
    expect(sourceChoices.map((source) => importSources[source].label)).toEqual([
      "Todoist (a project's CSV, or the backup ZIP)",
      'Loop Habit Tracker (its CSV export ZIP)',
      'FocusHub export (the ZIP of Export my data)',
    ])
  })

  it('take the files they read: a CSV or a ZIP from Todoist, a ZIP from the others', () => {
    expect(acceptOf('todoist')).toBe('.csv,.zip,text/csv,application/zip')
    expect(acceptOf('loop')).toBe('.zip,application/zip')
    expect(acceptOf('focushub')).toBe('.zip,application/zip')
  })
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

  it('is refused here, from Todoist, when it is neither, or over 1 MiB', () => {
    expect(fileMessage({ name: 'Launch.csv', type: 'text/csv', size: maxImportBytes })).toBeUndefined()
    expect(fileMessage({ name: 'Launch.csv', type: 'text/csv', size: maxImportBytes + 1 })).toMatch(/larger than 1 MiB/)
    expect(fileMessage({ name: 'photo.png', type: 'image/png', size: 10 })).toBe(
      'Choose a .csv or .zip file exported from Todoist.',
    )
    expect(fileMessage({ name: 'Launch.csv', type: 'text/csv', size: 10 }, 'todoist')).toBeUndefined()
    expect(importSources.todoist.noFile).toBe('Choose a file exported from Todoist.')
  })

  it('is refused here, from Loop, unless it is a ZIP of at most 1 MiB', () => {
    const zip = { name: 'Loop Habits CSV 2026-12-07.zip', type: 'application/zip', size: maxImportBytes }
    expect(fileMessage(zip, 'loop')).toBeUndefined()
    expect(fileMessage({ ...zip, name: 'export', type: 'application/x-zip-compressed' }, 'loop')).toBeUndefined()
    expect(fileMessage({ ...zip, size: maxImportBytes + 1 }, 'loop')).toMatch(/larger than 1 MiB/)
    const request = 'Choose the .zip file Loop Habit Tracker exports.'
    expect(fileMessage({ name: 'Habits.csv', type: 'text/csv', size: 10 }, 'loop')).toBe(request)
    expect(fileMessage({ name: 'backup.loop', type: '', size: 10 }, 'loop')).toBe(request)
    expect(importSources.loop.noFile).toBe(request)
  })

  it('is refused here, from a FocusHub export, unless it is a ZIP of at most 1 MiB', () => {
    const zip = { name: 'focushub-export-2026-12-07.zip', type: 'application/zip', size: maxImportBytes }
    expect(fileMessage(zip, 'focushub')).toBeUndefined()
    expect(fileMessage({ ...zip, size: maxImportBytes + 1 }, 'focushub')).toMatch(/larger than 1 MiB/)
    const request = 'Choose the .zip file of a FocusHub export.'
    expect(fileMessage({ name: 'tasks.csv', type: 'text/csv', size: 10 }, 'focushub')).toBe(request)
    expect(importSources.focushub.noFile).toBe(request)
  })

  it("names a CSV's project after the file, as the API names a backup's", () => {
    expect(defaultProjectName('Launch.csv')).toBe('Launch')
    expect(defaultProjectName('Home [2203306141].csv')).toBe('Home')
    expect(defaultProjectName('  Garden plans .CSV')).toBe('Garden plans')
    expect(defaultProjectName('.csv')).toBe('Todoist')
    expect(defaultProjectName(`${'x'.repeat(120)}.csv`)).toHaveLength(100)
  })
})

describe("Todoist's report", () => {
  it('counts and lists', () => {
    expect(countText(1, 'project')).toBe('1 project')
    expect(countText(0, 'label')).toBe('0 labels')
    expect(listText([])).toBe('')
    expect(listText(['a'])).toBe('a')
    expect(listText(['a', 'b'])).toBe('a and b')
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c')
  })

  it('says what a check would make and what an import made, in a sentence', () => {
    expect(todoistSummaryText(report())).toBe('Will create 1 project, 3 tasks and 2 labels; 0 already imported.')
    expect(todoistSummaryText(report({ dryRun: false }))).toBe(
      'Created 1 project, 3 tasks and 2 labels; 0 already imported.',
    )
    expect(todoistSummaryText(report({ created: { projects: 0, tasks: 1, labels: 0 }, alreadyImported: 4 }))).toBe(
      'Will create 0 projects, 1 task and 0 labels; 4 already imported.',
    )
    const again = { created: { projects: 0, tasks: 0, labels: 0 }, alreadyImported: 3 }
    expect(todoistSummaryText(report(again))).toBe('Nothing new to create; 3 already imported.')
    expect(todoistSummaryText(report({ ...again, dryRun: false }))).toBe('Created nothing new; 3 already imported.')
  })

  it("says each project's part", () => {
    const launch = report().projects[0]
    expect(projectText(launch, true)).toBe('new project · 3 tasks to create')
    expect(projectText(launch, false)).toBe('new project · 3 tasks created')
    expect(projectText({ ...launch, new: false, tasks: 1, alreadyImported: 3 }, true)).toBe(
      'imported before · 1 task to create · 3 already imported',
    )
  })

  it('says the Inbox without calling it new or imported before', () => {
    const inbox = { name: 'Inbox', projectId: 'p', new: false, tasks: 1, alreadyImported: 0 }
    expect(projectText(inbox, true, true)).toBe('1 task to create')
    expect(projectText({ ...inbox, tasks: 0, alreadyImported: 1 }, false, true)).toBe(
      '0 tasks created · 1 already imported',
    )
  })

  it("says a note's line, and its project's name when there are several", () => {
    const note = { project: 'Home', line: 2, note: 'section "Planning" not imported (its tasks are)' }
    expect(todoistNoteText(note, false)).toBe('Line 2: section "Planning" not imported (its tasks are)')
    expect(todoistNoteText(note, true)).toBe('Home, line 2: section "Planning" not imported (its tasks are)')
  })

  it('says how many notes are not listed', () => {
    expect(moreNotesText(2, 2)).toBeUndefined()
    expect(moreNotesText(250, 20)).toBe('and 230 more')
  })
})

const loopReport = (change: Partial<LoopReport> = {}): LoopReport => ({
  dryRun: true,
  habits: [
    { name: 'Meditate', habitId: null, new: true, checkIns: 4, skipped: 1 },
    { name: 'Run', habitId: null, new: true, checkIns: 2, skipped: 0 },
    { name: 'Floss', habitId: null, new: true, checkIns: 1, skipped: 0 },
  ],
  created: { habits: 3, checkIns: 7 },
  noteCount: 0,
  notes: [],
  ...change,
})

describe("Loop's report", () => {
  it('says what a check would make and what an import made, in a sentence', () => {
    expect(loopSummaryText(loopReport())).toBe('Will create 3 habits and 7 check-ins.')
    expect(loopSummaryText(loopReport({ dryRun: false }))).toBe('Created 3 habits and 7 check-ins.')
    const one = [{ name: 'Run', habitId: null, new: true, checkIns: 1, skipped: 0 }]
    expect(loopSummaryText(loopReport({ habits: one, created: { habits: 1, checkIns: 1 } }))).toBe(
      'Will create 1 habit and 1 check-in.',
    )
  })

  it('says how many habits an earlier import made, and when nothing is new', () => {
    const before = loopReport().habits.map((habit) => ({ ...habit, habitId: 'h', new: false, checkIns: 0 }))
    const later = [{ ...before[0], checkIns: 2 }, ...before.slice(1)]
    expect(loopSummaryText(loopReport({ habits: later, created: { habits: 0, checkIns: 2 } }))).toBe(
      'Will create 0 habits and 2 check-ins; 3 habits imported before.',
    )
    const again = { habits: before, created: { habits: 0, checkIns: 0 } }
    expect(loopSummaryText(loopReport(again))).toBe('Nothing new to create; 3 habits imported before.')
    expect(loopSummaryText(loopReport({ ...again, dryRun: false }))).toBe(
      'Created nothing new; 3 habits imported before.',
    )
    expect(loopSummaryText(loopReport({ habits: [], created: { habits: 0, checkIns: 0 } }))).toBe(
      'Nothing new to create.',
    )
  })

  it("says each habit's part", () => {
    const [meditate, run] = loopReport().habits
    expect(habitText(meditate)).toBe('new habit · 4 check-ins · 1 skipped')
    expect(habitText(run)).toBe('new habit · 2 check-ins')
    expect(habitText({ ...meditate, habitId: 'h', new: false, checkIns: 1, skipped: 4 })).toBe(
      'imported before · 1 check-in · 4 skipped',
    )
  })

  it("says a note with its habit's name", () => {
    expect(loopNoteText({ habit: 'Floss', note: 'kept as 5 times a week' })).toBe('Floss: kept as 5 times a week')
  })
})

const focusHubReport = (change: Partial<FocusHubReport> = {}): FocusHubReport => ({
  dryRun: true,
  tasks: {
    ...report({ created: { projects: 1, tasks: 2, labels: 0 } }),
    notes: [{ file: 'tasks/projects.json', index: 2, note: 'shared with me as editor: not imported, nor its 1 task' }],
    noteCount: 1,
  },
  habits: { ...loopReport({ created: { habits: 1, checkIns: 1 } }), habits: [], notes: [] },
  ...change,
})

describe("a FocusHub export's report", () => {
  it('says what both parts make in one sentence', () => {
    expect(focusHubSummaryText(focusHubReport())).toBe(
      'Will create 1 project, 2 tasks, 0 labels, 1 habit and 1 check-in.',
    )
    expect(focusHubSummaryText(focusHubReport({ dryRun: false }))).toBe(
      'Created 1 project, 2 tasks, 0 labels, 1 habit and 1 check-in.',
    )
  })

  it('says what earlier imports made, and when nothing is new', () => {
    const { tasks, habits } = focusHubReport()
    const again = {
      tasks: { ...tasks, created: { projects: 0, tasks: 0, labels: 0 }, alreadyImported: 2 },
      habits: {
        ...habits,
        created: { habits: 0, checkIns: 0 },
        habits: [{ name: 'Read', habitId: 'h', new: false, checkIns: 0, skipped: 1 }],
      },
    }
    expect(focusHubSummaryText(focusHubReport(again))).toBe(
      'Nothing new to create; 2 tasks already imported and 1 habit imported before.',
    )
    expect(focusHubSummaryText(focusHubReport({ ...again, dryRun: false }))).toBe(
      'Created nothing new; 2 tasks already imported and 1 habit imported before.',
    )
    const later = { ...again.tasks, created: { projects: 0, tasks: 1, labels: 0 }, alreadyImported: 1 }
    expect(focusHubSummaryText(focusHubReport({ tasks: later }))).toBe(
      'Will create 0 projects, 1 task, 0 labels, 1 habit and 1 check-in; 1 task already imported.',
    )
  })

  it("says a note's file and item, counted from 1", () => {
    expect(focusHubNoteText(focusHubReport().tasks.notes[0])).toBe(
      'tasks/projects.json, item 3: shared with me as editor: not imported, nor its 1 task',
    )
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
