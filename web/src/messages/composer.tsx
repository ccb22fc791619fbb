import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { socialWriteMessage, when } from '../moderation/moderation-text.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { sendTyping, useSendMessage } from './messages-queries.ts'
import { maxMessageCharacters, typingThrottle } from './messages-text.ts'

/**
 * The message box: plain text up to the API's length (the count shown), Enter sends and Shift+Enter
 * breaks the line; while I type, the members are told at most every 3 s. A refusal (their privacy
 * setting, too many messages a minute) is said above it and the text kept.
 */
export function Composer({ conversationId }: { conversationId: string }) {
  const send = useSendMessage(conversationId)
  const [body, setBody] = useState('')
  const typing = useRef(typingThrottle())
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (body.trim()) send.mutate(body.trim(), { onSuccess: () => setBody('') })
  }
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event)
  }
  const change = (text: string) => {
    setBody(text)
    // Whether the others were told is not worth a message of its own: a failure is left unsaid.
    if (text.trim() && typing.current(Date.now())) sendTyping(conversationId).catch(() => undefined)
  }
  return (
    <form className="message-composer" onSubmit={submit} noValidate>
      <FormMessage message={socialWriteMessage(send.error, when)} />
      <Field label="Message" error={fieldMessage(send.error, 'body')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={maxMessageCharacters}
            value={body}
            onChange={(event) => change(event.target.value)}
            onKeyDown={keyDown}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={send.isPending}>
        Send
      </button>
      <p className="muted composer-hint">
        <span>Enter sends, Shift+Enter starts a new line</span>
        <span>{`${body.length} / ${maxMessageCharacters}`}</span>
      </p>
    </form>
  )
}
