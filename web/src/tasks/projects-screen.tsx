import { type FormEvent, useCallback, useRef, useState } from 'react'
import { Link } from 'wouter'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { useShortcut } from '../ui/use-shortcut.ts'
import { AddTaskForm } from './add-task-form.tsx'
import { FiltersBar, isFiltered, useListFilters } from './filters.tsx'
import { ReorderableTaskList } from './reorder-list.tsx'
import { useTaskKeys } from './task-item.tsx'
import { type Project, useCreateProject, useProjects, useTasks } from './task-queries.ts'

/** Projects beside the open tasks of the chosen one (the Inbox when none is named). */
export function ProjectsScreen({ projectId }: { projectId?: string }) {
  const projects = useProjects()
  const project = projects.data?.find((each) => each.id === projectId) ?? projects.data?.find((each) => each.isInbox)
  return (
    <main className="screen projects">
      <h1 className="visually-hidden">Projects</h1>
      <nav aria-label="Projects" className="project-list">
        <h2>Projects</h2>
        <ul>
          {projects.data?.map((each) => (
            <li key={each.id}>
              <Link
                href={`/projects/${each.id}`}
                className="nav-link"
                aria-current={each.id === project?.id ? 'page' : undefined}
              >
                {each.name}
              </Link>
            </li>
          ))}
        </ul>
        <NewProjectForm />
      </nav>
      {project && <ProjectTasks key={project.id} project={project} />}
    </main>
  )
}

/** A project's tasks in their manual order, narrowed by the filters in the URL. */
function ProjectTasks({ project }: { project: Project }) {
  const [filters, setFilters] = useListFilters()
  const view = { projectId: project.id, ...filters }
  const tasks = useTasks(view)
  const addTask = useRef<HTMLInputElement>(null)
  useShortcut(
    'q',
    useCallback(() => addTask.current?.focus(), []),
  )
  useTaskKeys()
  return (
    <section className="project-tasks" aria-labelledby="project-heading">
      <div className="project-head">
        <h2 id="project-heading">{project.name}</h2>
        {!project.isInbox && <Link href={`/projects/${project.id}/members`}>Members</Link>}
      </div>
      <AddTaskForm into={view} projectId={project.id} full inputRef={addTask} />
      <FiltersBar filters={filters} onChange={setFilters} />
      <FormMessage message={formMessage(tasks.error)} />
      <ReorderableTaskList
        tasks={tasks.error ? [] : tasks.data}
        empty={isFiltered(filters) ? 'No tasks match these filters.' : 'No open tasks in this project.'}
      />
    </section>
  )
}

function NewProjectForm() {
  const create = useCreateProject()
  const [name, setName] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(name, { onSuccess: () => setName('') })
  }
  return (
    <form className="new-project" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(create.error)} />
      <TextField
        label="New project"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldMessage(create.error, 'name')}
      />
      <button type="submit">Create</button>
    </form>
  )
}
