import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { type ImportReport, useCheckImport, useImport } from './todoist-import-queries.ts'
import {
  defaultProjectName,
  fileMessage,
  importType,
  moreNotesText,
  notesShown,
  noteText,
  projectMessage,
  projectText,
  summaryText,
} from './todoist-import-text.ts'

/**
 * Import from Todoist: a project's CSV or the backup's ZIP, checked first (a dry run: what it would make,
 * and what it cannot carry over), then imported, each project made linked. Importing the same file again
 * makes only what is new in it. Another file, or another project name, starts over.
 */
export function TodoistImportSection() {
  const check = useCheckImport()
  const run = useImport()
  const [file, setFile] = useState<File>()
  const [project, setProject] = useState('')
  const [tried, setTried] = useState(false)
  const startOver = () => {
    check.reset()
    run.reset()
  }
  const choose = (chosen: File | undefined) => {
    startOver()
    setFile(chosen)
    setProject(chosen ? defaultProjectName(chosen.name) : '')
    setTried(false)
  }
  const csv = file !== undefined && importType(file) === 'text/csv'
  const fileError = file ? fileMessage(file) : tried ? 'Choose a file exported from Todoist.' : undefined
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTried(true)
    startOver()
    if (file && !fileMessage(file)) check.mutate({ file, project })
  }
  const report = run.data ?? check.data
  const busy = check.isPending || run.isPending
  const status = run.isPending ? 'Importing…' : check.isPending ? 'Checking…' : report ? summaryText(report) : ''
  return (
    <section id="import" aria-labelledby="import-heading">
      <h2 id="import-heading">Import from Todoist</h2>
      <p>
        Bring your Todoist projects over: export a project as a CSV (its menu, <q>Export as a template</q>) or download
        a backup (a ZIP of every project's CSV). Check shows what the import will make before it makes anything;
        importing the same file again adds only what is new in it.
      </p>
      <form className="settings-form import-form" onSubmit={submit} noValidate aria-label="Todoist file">
        <FormMessage message={formMessage(check.error)} />
        <Field label="Todoist file (.csv or .zip)" error={fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,.zip,text/csv,application/zip"
              onChange={(event) => choose(event.target.files?.[0])}
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
              startOver()
              setProject(event.target.value)
            }}
            error={projectMessage(check.error ?? run.error)}
          />
        ) : (
          file &&
          !fileError && <p className="muted hint">Each CSV in the ZIP becomes a project named after its file.</p>
        )}
        <button type="submit" className={report?.dryRun ? undefined : 'primary'} disabled={busy}>
          Check
        </button>
      </form>
      {report && file && <ReportHeading report={report} fileName={file.name} />}
      <p className="import-summary" role="status">
        {status}
      </p>
      {report && (
        <Report report={report}>
          {report.dryRun && (
            <>
              <FormMessage message={formMessage(run.error)} />
              <div className="token-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() => file && run.mutate({ file, project })}
                >
                  Import
                </button>
              </div>
            </>
          )}
        </Report>
      )}
    </section>
  )
}

/** The report's heading; an import's takes the focus from its button, which is gone. */
function ReportHeading({ report, fileName }: { report: ImportReport; fileName: string }) {
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

/** The report's projects (each linked once it exists) and its notes: what was not carried over. */
function Report({ report, children }: { report: ImportReport; children?: ReactNode }) {
  const notes = report.notes.slice(0, notesShown)
  const more = moreNotesText(report.noteCount, notes.length)
  const manyProjects = report.projects.length > 1
  return (
    <div className="import-report">
      <ul className="import-projects" aria-label="Projects">
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
      {notes.length > 0 && (
        <>
          <h3>Not carried over</h3>
          <ul className="import-notes" aria-label="Not carried over">
            {notes.map((note, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a report is never reordered, and a note may repeat
              <li key={index}>{noteText(note, manyProjects)}</li>
            ))}
          </ul>
          {more && <p className="muted">{more}</p>}
        </>
      )}
      {children}
    </div>
  )
}
