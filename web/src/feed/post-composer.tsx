import { type FormEvent, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { socialWriteMessage, when } from '../moderation/moderation-text.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { useCreatePost } from './feed-queries.ts'
import { maxPostCharacters, parseTags, type Visibility, visibilities } from './feed-text.ts'

/**
 * A new post: plain text up to the API's length (the count shown), up to 5 tags and who may see it
 * (friends by default, as the API). Tags that are not tags are said under their field and nothing is
 * sent; a refusal (50 posts a day) is said above the form and the text kept.
 */
export function PostComposer() {
  const create = useCreatePost()
  const [body, setBody] = useState('')
  const [typedTags, setTypedTags] = useState('')
  const [visibility, setVisibility] = useState<Visibility>('friends')
  const [tagsError, setTagsError] = useState<string>()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseTags(typedTags)
    if ('error' in parsed) return setTagsError(parsed.error)
    setTagsError(undefined)
    if (!body.trim()) return
    create.mutate(
      { body: body.trim(), tags: parsed.tags, visibility },
      {
        onSuccess: () => {
          setBody('')
          setTypedTags('')
        },
      },
    )
  }
  return (
    <section aria-labelledby="new-post-heading" className="feed-card">
      <h2 id="new-post-heading">New post</h2>
      <form className="post-composer" onSubmit={submit} noValidate>
        <FormMessage message={socialWriteMessage(create.error, when)} />
        <Field label="What are you working on?" error={fieldMessage(create.error, 'body')}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={maxPostCharacters}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          )}
        </Field>
        <p className="muted feed-count">{`${body.length} / ${maxPostCharacters}`}</p>
        <TextField
          label="Tags"
          spellCheck={false}
          autoCapitalize="none"
          placeholder="deepwork reading"
          value={typedTags}
          onChange={(event) => setTypedTags(event.target.value)}
          error={tagsError ?? fieldMessage(create.error, 'tags')}
        />
        <Field label="Who can see it" error={fieldMessage(create.error, 'visibility')}>
          {(control) => (
            <select
              {...control}
              value={visibility}
              onChange={(event) => setVisibility(event.target.value as Visibility)}
            >
              {visibilities.map(({ value, label }) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="muted hint">Up to 5 tags, separated by spaces. Only public posts show under their tags.</p>
        <button type="submit" className="primary" disabled={create.isPending || !body.trim()}>
          Post
        </button>
      </form>
    </section>
  )
}
