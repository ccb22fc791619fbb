import { type ReactNode, useEffect, useRef } from 'react'
import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { useProjects } from '../tasks/task-queries.ts'
import { FormMessage } from '../ui/field.tsx'
import type { LoopReport, TodoistReport } from './imports-queries.ts'
import { habitText, moreNotesText, projectText } from './imports-text.ts'

/**
 * What a check or an import answered, whatever the source: its heading, the sentence (a live region,
 * there before any report), the report's items (`children`) and, after a check, Import.
 */
export function Outcome({
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

/**
 * A report's projects, each linked once it exists (the user's Inbox, where a FocusHub export's Inbox
 * goes, already does).
 */
export function ProjectItems({ report }: { report: Pick<TodoistReport, 'dryRun' | 'projects'> }) {
  const inboxId = useProjects().data?.find((project) => project.isInbox)?.id
  return (
    <ul className="import-items" aria-label="Projects">
      {report.projects.map((project, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a report is never reordered, and two of a ZIP's files may name one project
        <li key={index}>
          {project.projectId ? (
            <Link href={`/projects/${project.projectId}`}>{project.name}</Link>
          ) : (
            <strong>{project.name}</strong>
          )}
          <p className="muted">{projectText(project, report.dryRun, project.projectId === inboxId)}</p>
        </li>
      ))}
    </ul>
  )
}

/** A report's habits, each linked once it exists. */
export function HabitItems({ habits }: { habits: LoopReport['habits'] }) {
  return (
    <ul className="import-items" aria-label="Habits">
      {habits.map((habit, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a report is never reordered, and two habits may share a name
        <li key={index}>
          {habit.habitId ? <Link href={`/habits/${habit.habitId}`}>{habit.name}</Link> : <strong>{habit.name}</strong>}
          <p className="muted">{habitText(habit)}</p>
        </li>
      ))}
    </ul>
  )
}

/** What was not carried over: the notes listed, and "and N more" for the rest. */
export function Notes({ notes, noteCount }: { notes: string[]; noteCount: number }) {
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
