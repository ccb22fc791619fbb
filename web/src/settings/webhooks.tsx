import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { type Project, useProjects } from '../tasks/task-queries.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { useScrollToHash } from '../ui/use-scroll-to-hash.ts'
import { ShownOnce } from './shown-once.tsx'
import {
  type Delivery,
  useChangeWebhook,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useDelivery,
  usePing,
  useReplay,
  useRotateSecret,
  useWebhooks,
  type Webhook,
  type WebhookEventType,
} from './webhooks-queries.ts'
import {
  attemptText,
  deliveryText,
  eventGroups,
  eventLabel,
  eventsText,
  projectEventTypes,
  stateLabels,
  timeText,
  urlMessage,
  webhookName,
} from './webhooks-text.ts'

/** A secret the API answered once: a new webhook's, or a rotation's. */
interface Shown {
  webhookId: string
  secret: string
  rotated: boolean
}

/**
 * Webhooks: FocusHub POSTs the events chosen to a URL, signed per Standard Webhooks with a secret shown
 * once; each webhook can be turned off and on, tested, re-keyed and deleted, and its deliveries read,
 * attempt by attempt, and replayed.
 */
export function WebhooksSection() {
  const webhooks = useWebhooks()
  const projects = useProjects()
  const [shown, setShown] = useState<Shown>()
  // The webhook_disabled notification links to /settings#webhooks.
  const section = useScrollToHash('#webhooks', webhooks.data !== undefined)
  const owned = (projects.data ?? []).filter((project) => project.role === 'owner' && !project.isInbox)
  return (
    <section id="webhooks" ref={section} aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p>
        FocusHub sends a POST to your URL when an event you choose happens, signed per{' '}
        <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>: check its <code>webhook-signature</code>{' '}
        header with the webhook's secret. A delivery that fails is tried again for a day, then the webhook is turned
        off.
      </p>
      <FormMessage message={formMessage(webhooks.error)} />
      {webhooks.data && (
        <WebhookList
          webhooks={webhooks.data}
          projects={projects.data ?? []}
          shown={shown}
          onShown={setShown}
          onClose={() => setShown(undefined)}
        />
      )}
      <NewWebhookForm
        projects={owned}
        onCreated={(created) => setShown({ webhookId: created.id, secret: created.secret, rotated: false })}
      />
    </section>
  )
}

function WebhookList({
  webhooks,
  projects,
  shown,
  onShown,
  onClose,
}: {
  webhooks: Webhook[]
  projects: Project[]
  shown?: Shown
  onShown: (shown: Shown) => void
  onClose: () => void
}) {
  if (webhooks.length === 0) return <p className="muted">No webhooks yet.</p>
  return (
    <ul className="webhook-list" aria-label="Your webhooks">
      {webhooks.map((webhook) => (
        <WebhookItem
          key={webhook.id}
          webhook={webhook}
          project={webhook.projectId ? (projects.find(({ id }) => id === webhook.projectId) ?? null) : undefined}
          shown={shown?.webhookId === webhook.id ? shown : undefined}
          onShown={onShown}
          onClose={onClose}
        />
      ))}
    </ul>
  )
}

/** A secret shown once, scrolled into view (a new webhook's item is at the top of the list, above the form). */
function Secret({ name, shown, onClose }: { name: string; shown: Shown; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  return (
    <div ref={box}>
      <ShownOnce
        label={shown.rotated ? `New secret for ${name}` : `Secret of ${name}`}
        title={shown.rotated ? 'Copy the new signing secret now:' : 'Copy its signing secret now:'}
        secret={shown.secret}
        onClose={onClose}
      />
    </div>
  )
}

function WebhookItem({
  webhook,
  project,
  shown,
  onShown,
  onClose,
}: {
  webhook: Webhook
  /** Its project (null: one not in my list of active projects), or undefined for my own events. */
  project?: Project | null
  shown?: Shown
  onShown: (shown: Shown) => void
  onClose: () => void
}) {
  const change = useChangeWebhook()
  const ping = usePing()
  const rotate = useRotateSecret()
  const remove = useDeleteWebhook()
  const [confirming, setConfirming] = useState(false)
  const [logOpen, setLogOpen] = useState(false)
  const logId = useId()
  const name = webhookName(webhook)
  const busy = change.isPending || ping.isPending || rotate.isPending || remove.isPending
  const error = change.error ?? ping.error ?? rotate.error ?? remove.error
  const reset = () => {
    for (const mutation of [change, ping, rotate, remove]) mutation.reset()
  }
  // A project no longer listed (archived) is still its project's webhook.
  const of = project === undefined ? 'My events' : project ? `Project ${project.name}` : 'A project'
  return (
    <li className="webhook" aria-label={name}>
      <div className="webhook-head">
        <strong className="webhook-url">{webhook.url}</strong>
        <span className={webhook.enabled ? 'webhook-state' : 'webhook-state off'}>
          {webhook.enabled ? 'On' : 'Off'}
        </span>
      </div>
      {webhook.description && <p>{webhook.description}</p>}
      <p className="muted">
        {of}: {eventsText(webhook.eventTypes, webhook.projectId !== null)} · secret <code>{webhook.secretHint}…</code>
      </p>
      {webhook.disabledReason === 'failing' && (
        <p className="form-error">
          Turned off by FocusHub after failing deliveries. Check your endpoint, then turn it on again.
        </p>
      )}
      {webhook.previousSecretExpiresAt && (
        <p className="muted">The previous secret also signs until {timeText(webhook.previousSecretExpiresAt)}.</p>
      )}
      {shown && <Secret key={shown.secret} name={name} shown={shown} onClose={onClose} />}
      <FormMessage message={formMessage(error)} />
      {confirming ? (
        <ConfirmDelete
          busy={busy}
          onDelete={() => remove.mutate(webhook.id, { onSettled: () => setConfirming(false) })}
          onKeep={() => setConfirming(false)}
        />
      ) : (
        <div className="token-actions">
          <button
            type="button"
            disabled={busy}
            aria-label={`${webhook.enabled ? 'Turn off' : 'Turn on'} ${name}`}
            onClick={() => {
              reset()
              change.mutate({ id: webhook.id, change: { enabled: !webhook.enabled } })
            }}
          >
            {webhook.enabled ? 'Turn off' : 'Turn on'}
          </button>
          {webhook.enabled && (
            <button
              type="button"
              disabled={busy}
              aria-label={`Send test to ${name}`}
              onClick={() => {
                reset()
                ping.mutate(webhook.id, { onSuccess: () => setLogOpen(true) })
              }}
            >
              Send test
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            aria-label={`Rotate secret of ${name}`}
            onClick={() => {
              reset()
              rotate.mutate(webhook.id, {
                onSuccess: ({ secret }) => onShown({ webhookId: webhook.id, secret, rotated: true }),
              })
            }}
          >
            Rotate secret
          </button>
          <button
            type="button"
            aria-expanded={logOpen}
            aria-controls={logId}
            aria-label={`Deliveries of ${name}`}
            onClick={() => setLogOpen((open) => !open)}
          >
            Deliveries
          </button>
          <button
            type="button"
            className="danger"
            disabled={busy}
            aria-label={`Delete ${name}`}
            onClick={() => {
              reset()
              setConfirming(true)
            }}
          >
            Delete
          </button>
        </div>
      )}
      <div id={logId} hidden={!logOpen}>
        {logOpen && <DeliveryLog webhook={webhook} name={name} />}
      </div>
    </li>
  )
}

/** The second step of deleting: the question, with the focus on keeping it (the Delete clicked is gone). */
function ConfirmDelete({ busy, onDelete, onKeep }: { busy: boolean; onDelete: () => void; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    keep.current?.focus()
  }, [])
  return (
    <div className="token-actions">
      <span>Delete it and its delivery log?</span>
      <button type="button" className="danger" disabled={busy} onClick={onDelete}>
        Delete webhook
      </button>
      <button type="button" ref={keep} onClick={onKeep}>
        Keep
      </button>
    </div>
  )
}

/** A webhook's deliveries, newest first, each with its state and last answer, its attempts on demand, replayable. */
function DeliveryLog({ webhook, name }: { webhook: Webhook; name: string }) {
  const deliveries = useDeliveries(webhook.id)
  const replay = useReplay(webhook.id)
  const headingId = useId()
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section className="delivery-log" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Deliveries <span className="visually-hidden">of {name}</span>
      </h3>
      <FormMessage message={formMessage(deliveries.error ?? replay.error)} />
      {deliveries.isPending && <p className="muted">Loading…</p>}
      {deliveries.data && items.length === 0 && <p className="muted">Nothing sent yet. Send a test to see one here.</p>}
      {items.length > 0 && (
        <ul className="deliveries">
          {items.map((delivery) => (
            <DeliveryItem
              key={delivery.id}
              webhookId={webhook.id}
              delivery={delivery}
              replay={webhook.enabled ? () => replay.mutate(delivery.id) : undefined}
              replaying={replay.isPending && replay.variables === delivery.id}
            />
          ))}
        </ul>
      )}
      {deliveries.hasNextPage && (
        <button type="button" disabled={deliveries.isFetchingNextPage} onClick={() => deliveries.fetchNextPage()}>
          Load older
        </button>
      )}
    </section>
  )
}

function DeliveryItem({
  webhookId,
  delivery,
  replay,
  replaying,
}: {
  webhookId: string
  delivery: Delivery
  /** Undefined while the webhook is off (the API would refuse). */
  replay?: () => void
  replaying: boolean
}) {
  const [open, setOpen] = useState(false)
  const attemptsId = useId()
  const label = `${delivery.eventType} at ${timeText(delivery.createdAt)}`
  return (
    <li className="delivery" aria-label={label}>
      <div className="webhook-head">
        <span>
          <code>{delivery.eventType}</code> <span className="muted">{eventLabel(delivery.eventType)}</span>
        </span>
        <span className={`delivery-state ${delivery.state}`}>{stateLabels[delivery.state]}</span>
      </div>
      <p className="muted">
        <time dateTime={delivery.createdAt}>{timeText(delivery.createdAt)}</time> · {deliveryText(delivery)}
      </p>
      <div className="token-actions">
        <button
          type="button"
          className="quiet"
          aria-expanded={open}
          aria-controls={attemptsId}
          onClick={() => setOpen((shown) => !shown)}
        >
          {open ? 'Hide attempts' : 'Show attempts'}
        </button>
        {replay && (
          <button type="button" disabled={replaying} onClick={replay}>
            Replay
          </button>
        )}
      </div>
      <div id={attemptsId} hidden={!open}>
        {open && <AttemptLog webhookId={webhookId} delivery={delivery} />}
      </div>
    </li>
  )
}

function AttemptLog({ webhookId, delivery }: { webhookId: string; delivery: Delivery }) {
  const detail = useDelivery(webhookId, delivery)
  if (detail.error) return <FormMessage message={formMessage(detail.error)} />
  if (!detail.data) return <p className="muted">Loading…</p>
  return (
    <>
      {detail.data.attemptLog.length === 0 ? (
        <p className="muted">Not tried yet.</p>
      ) : (
        <ol className="attempts" aria-label="Attempts">
          {detail.data.attemptLog.map((attempt) => (
            <li key={attempt.number}>{attemptText(attempt)}</li>
          ))}
        </ol>
      )}
      <details>
        <summary>Body sent</summary>
        <pre className="token-value">{JSON.stringify(detail.data.payload, null, 2)}</pre>
      </details>
    </>
  )
}

function NewWebhookForm({
  projects,
  onCreated,
}: {
  /** The projects I own, which may have a webhook of their own. */
  projects: Project[]
  onCreated: (created: { id: string; secret: string }) => void
}) {
  const create = useCreateWebhook()
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [projectId, setProjectId] = useState('')
  const [chosen, setChosen] = useState<WebhookEventType[]>([])
  const eventsErrorId = useId()
  // A project's webhook takes only its project's events: the others are not offered (nor sent).
  const groups = projectId
    ? eventGroups.flatMap((group) => {
        const types = group.types.filter((type) => projectEventTypes.has(type))
        return types.length > 0 ? [{ ...group, types }] : []
      })
    : eventGroups
  const eventTypes = chosen.filter((type) => !projectId || projectEventTypes.has(type))
  // The API's refusal of none chosen is said as a person would; any other (a project's) as it says it.
  const refused = fieldMessage(create.error, 'eventTypes')
  const eventsMessage = refused && (eventTypes.length === 0 ? 'Choose at least one event.' : refused)
  const toggle = (type: WebhookEventType, on: boolean) =>
    setChosen(on ? [...chosen, type] : chosen.filter((each) => each !== type))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      {
        url: url.trim(),
        eventTypes,
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(projectId ? { projectId } : {}),
      },
      {
        onSuccess: (created) => {
          onCreated(created)
          setUrl('')
          setDescription('')
          setChosen([])
        },
      },
    )
  }
  return (
    <form className="settings-form webhook-form" onSubmit={submit} noValidate aria-label="New webhook">
      <h3>New webhook</h3>
      <FormMessage message={formMessage(create.error)} />
      <TextField
        label="URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        maxLength={2000}
        placeholder="https://example.com/hooks/focushub"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={urlMessage(fieldMessage(create.error, 'url'))}
      />
      <TextField
        label="Description"
        value={description}
        maxLength={200}
        placeholder="What it is for"
        onChange={(event) => setDescription(event.target.value)}
        error={fieldMessage(create.error, 'description')}
      />
      {projects.length > 0 && (
        <Field label="Events of" error={fieldMessage(create.error, 'projectId')}>
          {(control) => (
            <select {...control} value={projectId} onChange={(event) => setProjectId(event.target.value)}>
              <option value="">My own</option>
              {projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {`Project ${project.name}`}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <fieldset
        className="webhook-events"
        aria-invalid={Boolean(eventsMessage)}
        aria-describedby={eventsMessage ? eventsErrorId : undefined}
      >
        <legend>Events</legend>
        {groups.map((group) => (
          <fieldset key={group.name} className="webhook-event-group">
            <legend>{group.name}</legend>
            {group.types.map((type) => (
              <label key={type} className="webhook-event">
                <input
                  type="checkbox"
                  checked={chosen.includes(type)}
                  onChange={(event) => toggle(type, event.target.checked)}
                />
                {eventLabel(type)}
              </label>
            ))}
          </fieldset>
        ))}
        {eventsMessage && (
          <p className="field-error" id={eventsErrorId}>
            {eventsMessage}
          </p>
        )}
      </fieldset>
      {projectId && (
        <p className="muted hint">A project's webhook gets the project's task and member events, whoever makes them.</p>
      )}
      <button type="submit" className="primary" disabled={create.isPending}>
        Create webhook
      </button>
    </form>
  )
}
