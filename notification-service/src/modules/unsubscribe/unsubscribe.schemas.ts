import Type from 'typebox'

export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512, description: 'The signed token of the e-mail link' }) },
  { additionalProperties: false },
)

/** RFC 8058 §3.1: what a mail client POSTs to the List-Unsubscribe link (form-encoded). */
export const OneClickBody = Type.Object(
  { 'List-Unsubscribe': Type.Literal('One-Click') },
  { additionalProperties: false, description: 'application/x-www-form-urlencoded: List-Unsubscribe=One-Click' },
)

/** A small page for a person, without script: the confirmation form, the result, or why the link fails. */
export const HtmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: Type.String({ description: 'An HTML page' }) } },
})
