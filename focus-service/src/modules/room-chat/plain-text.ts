/** What room chat and reports accept: up to this many characters (code points). */
export const maxTextCharacters = 500

/** Any character but a control one (NUL, tab, escapes, DEL, C1 codes); line breaks (LF, CR) allowed. */
const notControl = '[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]'

/**
 * Plain text a user writes into a room (a message, a report's reason) as its schema: 1 to
 * maxTextCharacters characters, one of them not white space, no control character but line breaks (400
 * naming the field otherwise). The service trims it and keeps it as sent: nothing renders it as HTML,
 * clients show it as text.
 */
export const plainTextSchema = {
  minLength: 1,
  maxLength: maxTextCharacters,
  pattern: `^${notControl}*[^\\s\\u0000-\\u001F\\u007F-\\u009F]${notControl}*$`,
}
