// The event catalogue, generated from the contracts: node shared/src/events/catalogue.ts > docs/events.md
import type { TSchema } from 'typebox'
import { catalogueIntro } from './catalogue-intro.ts'
import { contracts } from './contracts/index.ts'
import { consumers, producers } from './contracts/participants.ts'
import { deadLetterTopic, platformTopics } from './topics.ts'

interface SchemaShape {
  type?: string
  const?: unknown
  anyOf?: SchemaShape[]
  minimum?: number
  maximum?: number
  format?: string
  properties?: Record<string, SchemaShape>
  required?: string[]
  items?: SchemaShape
}

/** A branch of a union: an object by its fields (`{ at }`), anything else by its type. */
const branchOf = (schema: SchemaShape) =>
  schema.properties ? `\`{ ${Object.keys(schema.properties).join(', ')} }\`` : typeOf(schema)

function typeOf(schema: SchemaShape): string {
  if (schema.anyOf) return schema.anyOf.map(branchOf).join(' \\| ')
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``
  if (schema.type === 'array' && schema.items)
    return schema.items.anyOf ? `(${typeOf(schema.items)})[]` : `${typeOf(schema.items)}[]`
  const bounds = [
    schema.format,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
  ].filter(Boolean)
  return bounds.length > 0 ? `${schema.type} (${bounds.join(', ')})` : (schema.type ?? 'any')
}

function fields(schema: SchemaShape) {
  const entries = Object.entries(schema.properties ?? {})
  if (entries.length === 0) return ['No fields.']
  return [
    '| Field | Type | Required |',
    '| --- | --- | --- |',
    ...entries.map(
      ([name, field]) => `| \`${name}\` | ${typeOf(field)} | ${schema.required?.includes(name) ? 'yes' : 'no'} |`,
    ),
  ]
}

export function renderCatalogue() {
  const lines = [catalogueIntro, '## Catalogue']
  for (const topic of platformTopics) {
    const events = (contracts as Record<string, Record<string, Record<number, TSchema>>>)[topic] ?? {}
    lines.push(
      '',
      `### ${topic}`,
      '',
      `Producer: ${producers[topic as keyof typeof producers] ?? 'none yet'}. Dead letters: \`${deadLetterTopic(topic)}\`.`,
    )
    for (const [type, versions] of Object.entries(events)) {
      for (const [version, schema] of Object.entries(versions)) {
        const handledBy = consumers[type as keyof typeof consumers] ?? []
        lines.push('', `#### ${type} v${version}`, '', ...fields(schema as SchemaShape), '')
        lines.push(`Consumers: ${handledBy.length > 0 ? handledBy.join('; ') : 'none yet'}.`)
      }
    }
  }
  return `${lines.join('\n')}\n`
}

if (import.meta.main) process.stdout.write(renderCatalogue())
