// What a hop decided for a trace, read from its W3C `traceparent` header without the SDK: a request
// whose trace the hop before left unsampled is not traced again by the next (register.ts), costing its
// process next to nothing.

const traceparentFormat = /^00-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/

/** True for a well-formed version-00 `traceparent` whose flags leave the trace unsampled (`…-00`). */
export function unsampledTraceparent(value: string | string[] | undefined): value is string {
  return (
    typeof value === 'string' &&
    traceparentFormat.test(value) &&
    (Number.parseInt(value.slice(53), 16) & 1) === 0 &&
    !value.startsWith('00-00000000000000000000000000000000-')
  )
}
