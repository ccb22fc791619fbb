/**
 * How a person is named on a screen: their display name, or — while the service answering has not
 * yet heard of their profile — `word` and the end of their id (never a whole id to read).
 */
export const personName = (displayName: string | null | undefined, userId: string, word: string) =>
  displayName ?? `${word} …${userId.slice(-8)}`
