import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'wouter'
import { ProblemError } from '../api/problem.ts'
import { TextField } from '../ui/field.tsx'
import { useShortcut } from '../ui/use-shortcut.ts'
import { TaskList, useTaskKeys } from './task-item.tsx'
import { useProjects, useTasks } from './task-queries.ts'

/** The API's message for the search words (a `q` it refused), or the failure's own. */
function searchMessage(error: Error | null) {
  if (!error) return undefined
  if (!(error instanceof ProblemError)) return 'FocusHub could not be reached. Check your connection and try again.'
  return error.problem.errors?.find((each) => each.field.endsWith('/q') || each.field === 'q')?.message ?? error.message
}

/**
 * Tasks of every project matching words of their title or description (the API's full-text `q`),
 * done ones too. The words are kept in the URL (`/search?q=…`) as they are typed.
 */
export function SearchScreen() {
  const [params, setParams] = useSearchParams()
  const q = params.get('q')?.trim() ?? ''
  const [words, setWords] = useState(params.get('q') ?? '')
  const input = useRef<HTMLInputElement>(null)
  const results = useTasks({ q }, q !== '')
  const projects = useProjects()
  const projectNames = new Map(projects.data?.map((project) => [project.id, project.name]))
  useShortcut(
    '/',
    useCallback(() => input.current?.focus(), []),
  )
  useTaskKeys()

  const inUrl = params.get('q') ?? ''
  const wanted = words.trim() ? words : ''
  const search = () => setParams(wanted ? { q: wanted } : {}, { replace: true })
  // Searched a moment after typing stops, not at every key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` writes exactly `wanted`
  useEffect(() => {
    if (wanted === inUrl) return
    const typing = setTimeout(search, 250)
    return () => clearTimeout(typing)
  }, [wanted, inUrl])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (wanted !== inUrl) search()
  }

  return (
    <main className="screen search">
      <h1>Search</h1>
      <search>
        <form onSubmit={submit} noValidate>
          <TextField
            label="Search tasks (press /)"
            type="search"
            ref={input}
            autoFocus
            maxLength={200}
            placeholder="Words from a title or description"
            value={words}
            onChange={(event) => setWords(event.target.value)}
            error={searchMessage(results.error)}
          />
        </form>
      </search>
      {q === '' ? (
        <p className="muted">Find tasks in all your projects by the words of their title or description.</p>
      ) : (
        <section aria-label="Results">
          <TaskList
            tasks={results.error ? [] : results.data}
            empty={results.error ? '' : `No tasks match “${q}”.`}
            projectNames={projectNames}
          />
        </section>
      )}
    </main>
  )
}
