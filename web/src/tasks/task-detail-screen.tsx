import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import type { User } from '../api/session.ts'
import { FormMessage } from '../ui/field.tsx'
import { TaskAttachments } from './task-attachments.tsx'
import { DeleteTask } from './task-detail-delete.tsx'
import { TaskDetailForm } from './task-detail-form.tsx'
import { isStale, useSaveTask, useTask } from './task-detail-queries.ts'
import { Subtasks } from './task-detail-subtasks.tsx'
import { type Task, useProjects } from './task-queries.ts'
import { TaskReminders } from './task-reminders.tsx'
import './task-detail.css'

/** One task in full (`/tasks/:taskId`): its fields, labels and recurrence, my reminders, its subtasks, and deleting it. */
export function TaskDetailScreen({ taskId, user }: { taskId: string; user: User }) {
  const task = useTask(taskId)
  return (
    <main className="screen task-detail">
      {task.data ? (
        <TaskDetail key={task.data.id} task={task.data} timezone={user.timezone} />
      ) : (
        <>
          <h1>Task</h1>
          {task.isPending ? <p className="muted">Loading…</p> : <FormMessage message={formMessage(task.error)} />}
        </>
      )}
    </main>
  )
}

function TaskDetail({ task, timezone }: { task: Task; timezone: string }) {
  const save = useSaveTask(task)
  const message = isStale(save.error)
    ? 'This task was changed elsewhere, so it has been reloaded. Check it and save again.'
    : formMessage(save.error)
  return (
    <>
      <Breadcrumbs task={task} />
      <h1>
        {task.title}
        {task.status === 'done' && <span className="status-badge">done</span>}
      </h1>
      <FormMessage message={message} />
      {/* A new version (saved, or reloaded after a stale save) starts the form from what is saved. */}
      <TaskDetailForm key={`${task.id}:${task.version}`} task={task} timezone={timezone} save={save} />
      <p className="muted" role="status">
        {save.isSuccess ? 'Saved.' : ''}
      </p>
      <TaskReminders task={task} />
      <Subtasks parent={task} />
      <TaskAttachments task={task} />
      <DeleteTask task={task} />
    </>
  )
}

/** Where the task is: its project and, for a subtask, its parent. */
function Breadcrumbs({ task }: { task: Task }) {
  const projects = useProjects()
  const parent = useTask(task.parentId)
  const project = projects.data?.find((each) => each.id === task.projectId)
  return (
    <nav aria-label="Breadcrumbs" className="breadcrumbs">
      <Link href={`/projects/${task.projectId}`}>{project?.name ?? 'Project'}</Link>
      {task.parentId && (
        <>
          {' › '}
          <Link href={`/tasks/${task.parentId}`}>{parent.data?.title ?? 'Parent task'}</Link>
        </>
      )}
    </nav>
  )
}
