import { type UseMutationResult, useIsFetching, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { type LoopReport, type TodoistReport, useLoopImport, useTodoistImport } from './imports-queries.ts'
import {
  defaultProjectName,
  fileMessage,
  habitText,
  type ImportSource,
  importSources,
  importType,
  loopNoteText,
  loopSummaryText,
  moreNotesText,
  noFileMessages,
  notesShown,
  projectMessage,
  projectText,
  todoistNoteText,
  todoistSummaryText,
} from './imports-text.ts'

/**
 * Import, from Todoist (a project's CSV or the backup's ZIP: projects, tasks and labels) or from Loop
 * Habit Tracker (its CSV export's ZIP: habits and their check-ins): the file checked first (a dry run:
 * what it would make, and what it cannot carry over), then imported, each project or habit made linked.
 * Importing the same file again makes only what is new in it. Another source, another file, or another
 * project name, starts over.
 */
export function ImportSection() {
  const [source, setSource] = useState<ImportSource>('todoist')
  const section = useRef<HTMLElement>(null)
  // /settings#import leads here: the section is where it stays once every section of the screen has
  // loaded (none above it grows after), so it is scrolled to then, once. The cache is asked too, as the
  // sections above start their reads after this one first renders.
  const queryClient = useQueryClient()
  const fetching = useIsFetching()
  const scrolled = useRef(false)
  useEffect(() => {
    if (scrolled.current || fetching > 0 || queryClient.isFetching() > 0) return
    scrolled.current = true
    if (window.location.hash === '#import') section.current?.scrollIntoView()
  }, [fetching, queryClient])
  return (
    <section id="import" ref={section} aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p>
        Bring over what you kept in another app. Check shows what an import will make before it makes anything;
        importing the same file again adds only what is new in it.
      </p>
      <fieldset className="import-sources">
        <legend>Import from</legend>
        {importSources.map((choice) => (
          <label key={choice.source} className="choice">
            <input
              type="radio"
              name="import-source"
              value={choice.source}
              checked={source === choice.source}
              onChange={() => setSource(choice.source)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {source === 'todoist' ? <TodoistImport /> : <LoopImport />}
    </section>
  )
}

interface ImportSteps<Request, Report> {
  check: UseMutationResult<Report, Error, Request>
  run: UseMutationResult<Report, Error, Request>
}

/**
 * A source's form: the file chosen, checked (the dry run) and imported, `summary` saying the report in a
 * sentence. Any change starts over: the report and refusals of the file before it are dropped.
 */
function useImportForm<Request, Report>(
  source: ImportSource,
  { check, run }: ImportSteps<Request, Report>,
  summary: (report: Report) => string,
) {
  const [file, setFile] = useState<File>()
  const [tried, setTried] = useState(false)
  const startOver = () => {
    check.reset()
    run.reset()
  }
  const report = run.data ?? check.data
  return {
    file,
    report,
    startOver,
    busy: check.isPending || run.isPending,
    status: run.isPending ? 'Importing…' : check.isPending ? 'Checking…' : report ? summary(report) : '',
    fileError: file ? fileMessage(file, source) : tried ? noFileMessages[source] : undefined,
    choose(chosen: File | undefined) {
      startOver()
      setFile(chosen)
      setTried(false)
    },
    /** Check: the dry run of the request the file makes, once it is one this source takes. */
    submit(request: (file: File) => Request) {
      return (event: FormEvent) => {
        event.preventDefault()
        setTried(true)
        startOver()
        if (file && !fileMessage(file, source)) check.mutate(request(file))
      }
    },
  }
}

function TodoistImport() {
  const steps = useTodoistImport()
  const form = useImportForm('todoist', steps, todoistSummaryText)
  const [project, setProject] = useState('')
  const { file, report } = form
  const csv = file !== undefined && importType(file) === 'text/csv'
  return (
    <>
      <p>
        Export a Todoist project as a CSV (its menu, <q>Export as a template</q>) or download a backup (a ZIP of every
        project's CSV).
      </p>
      <form
        className="settings-form import-form"
        onSubmit={form.submit((chosen) => ({ file: chosen, project }))}
        noValidate
        aria-label="Todoist file"
      >
        <FormMessage message={formMessage(steps.check.error)} />
        <Field label="Todoist file (.csv or .zip)" error={form.fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,.zip,text/csv,application/zip"
              onChange={(event) => {
                const chosen = event.target.files?.[0]
                form.choose(chosen)
                setProject(chosen ? defaultProjectName(chosen.name) : '')
              }}
            />
          )}
        </Field>
        {csv ? (
          <TextField
            label="Project name"
            value={project}
            maxLength={100}
            autoComplete="off"
            onChange={(event) => {
              form.startOver()
              setProject(event.target.value)
            }}
            error={projectMessage(steps.check.error ?? steps.run.error)}
          />
        ) : (
          file &&
          !form.fileError && <p className="muted hint">Each CSV in the ZIP becomes a project named after its file.</p>
        )}
        <button type="submit" className={report?.dryRun ? undefined : 'primary'} disabled={form.busy}>
          Check
        </button>
      </form>
      <Outcome
        fileName={file?.name}
        report={report}
        status={form.status}
        busy={form.busy}
        importError={steps.run.error}
        onImport={() => file && steps.run.mutate({ file, project })}
      >
        {report && <TodoistReportItems report={report} />}
      </Outcome>
    </>
  )
}

function LoopImport() {
  const steps = useLoopImport()
  const form = useImportForm('loop', steps, loopSummaryText)
  const { file, report } = form
  return (
    <>
      <p>
        In Loop Habit Tracker, <q>Export as CSV</q> saves a ZIP of your habits and their days. Each habit becomes one
        here, with its schedule and the days you checked in or skipped; a later export adds only the days that are new.
      </p>
      <form
        className="settings-form import-form"
        onSubmit={form.submit((chosen) => ({ file: chosen }))}
        noValidate
        aria-label="Loop Habit Tracker file"
      >
        <FormMessage message={formMessage(steps.check.error)} />
        <Field label="Loop Habit Tracker export (.zip)" error={form.fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".zip,application/zip"
              onChange={(event) => form.choose(event.target.files?.[0])}
            />
          )}
        </Field>
        <button type="submit" className={report?.dryRun ? undefined : 'primary'} disabled={form.busy}>
          Check
        </button>
      </form>
      <Outcome
        fileName={file?.name}
        report={report}
        status={form.status}
        busy={form.busy}
        importError={steps.run.error}
        onImport={() => file && steps.run.mutate({ file })}
      >
        {report && <LoopReportItems report={report} />}
      </Outcome>
    </>
  )
}

/**
 * What a check or an import answered: its heading, the sentence (a live region, there before any
 * report), the report's items (`children`) and, after a check, Import.
 */
function Outcome({
  fileName,
  report,
  status,
  busy,
  importError,
  onImport,
  children,
}: {
  fileName?: string
  report?: { dryRun: boolean }
  status: string
  busy: boolean
  importError: unknown
  onImport: () => void
  children: ReactNode
}) {
  return (
    <>
      {report && fileName && <ReportHeading report={report} fileName={fileName} />}
      <p className="import-summary" role="status">
        {status}
      </p>
      {report && (
        <div className="import-report">
          {children}
          {report.dryRun && (
            <>
              <FormMessage message={formMessage(importError)} />
              <div className="token-actions">
                <button type="button" className="primary" disabled={busy} onClick={onImport}>
                  Import
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </>
  )
}

/** The report's heading; an import's takes the focus from its button, which is gone. */
function ReportHeading({ report, fileName }: { report: { dryRun: boolean }; fileName: string }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (!report.dryRun) heading.current?.focus()
  }, [report])
  return (
    <h3 className="import-heading" ref={heading} tabIndex={-1}>
      {report.dryRun ? `What importing ${fileName} will make` : `Imported ${fileName}`}
    </h3>
  )
}

/** A Todoist report's projects (each linked once it exists) and its notes. */
function TodoistReportItems({ report }: { report: TodoistReport }) {
  const manyProjects = report.projects.length > 1
  return (
    <>
      <ul className="import-items" aria-label="Projects">
        {report.projects.map((project, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a report is never reordered, and two of a ZIP's files may name one project
          <li key={index}>
            {project.projectId ? (
              <Link href={`/projects/${project.projectId}`}>{project.name}</Link>
            ) : (
              <strong>{project.name}</strong>
            )}
            <p className="muted">{projectText(project, report.dryRun)}</p>
          </li>
        ))}
      </ul>
      <Notes
        notes={report.notes.slice(0, notesShown).map((note) => todoistNoteText(note, manyProjects))}
        noteCount={report.noteCount}
      />
    </>
  )
}

/** A Loop report's habits (each linked once it exists) and its notes. */
function LoopReportItems({ report }: { report: LoopReport }) {
  return (
    <>
      <ul className="import-items" aria-label="Habits">
        {report.habits.map((habit, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a report is never reordered, and two habits may share a name
          <li key={index}>
            {habit.habitId ? (
              <Link href={`/habits/${habit.habitId}`}>{habit.name}</Link>
            ) : (
              <strong>{habit.name}</strong>
            )}
            <p className="muted">{habitText(habit)}</p>
          </li>
        ))}
      </ul>
      <Notes notes={report.notes.slice(0, notesShown).map(loopNoteText)} noteCount={report.noteCount} />
    </>
  )
}

/** What was not carried over: the notes listed, and "and N more" for the rest. */
function Notes({ notes, noteCount }: { notes: string[]; noteCount: number }) {
  if (notes.length === 0) return null
  const more = moreNotesText(noteCount, notes.length)
  return (
    <>
      <h3>Not carried over</h3>
      <ul className="import-notes" aria-label="Not carried over">
        {notes.map((note, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a report is never reordered, and a note may repeat
          <li key={index}>{note}</li>
        ))}
      </ul>
      {more && <p className="muted">{more}</p>}
    </>
  )
}
