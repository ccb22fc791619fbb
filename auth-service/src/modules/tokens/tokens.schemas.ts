import { TokenScope } from '@focushub/shared/auth'
import { DateTime, Text, Uuid } from '@focushub/shared/http'
import Type from 'typebox'

/** Every personal access token starts so: the gateway tells it from an access token by it. */
export const personalAccessTokenPrefix = 'fhp_'
export const personalAccessTokenPattern = `^${personalAccessTokenPrefix}[A-Za-z0-9_-]{43}$`
/** A calendar feed's token, the secret part of its URL. */
export const calendarTokenPrefix = 'fhc_'
export const calendarTokenPattern = `^${calendarTokenPrefix}[A-Za-z0-9_-]{43}$`

export const CreateTokenBody = Type.Object(
  {
    name: Text({
      minLength: 1,
      maxLength: 100,
      notBlank: true,
      description: 'What the token is for, to tell it apart',
    }),
    scopes: Type.Array(TokenScope, {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      description:
        '`<area>:read` or `<area>:write` (write includes read) for tasks, focus, habits, social, notifications',
    }),
    expiresInDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'Days from now until the token stops working',
    }),
  },
  { additionalProperties: false },
)

export const PersonalAccessToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(TokenScope),
  /** The token's first characters. */
  tokenHint: Type.String({ description: "The token's first characters, to tell tokens apart" }),
  createdAt: DateTime,
  expiresAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()], {
    description: 'When the gateway last traded the token for an access token: accurate to a few minutes',
  }),
})

export const CreatedToken = Type.Object({
  ...PersonalAccessToken.properties,
  token: Type.String({ pattern: personalAccessTokenPattern, description: 'Shown this once: it is stored hashed' }),
})

export const TokenList = Type.Object({
  items: Type.Array(PersonalAccessToken, { description: "The account's live tokens (not revoked), newest first" }),
})

export const TokenParams = Type.Object({ id: Uuid }, { additionalProperties: false })

/** The gateway's exchange: any bounded string, so that a malformed token is simply not a known one (401). */
export const ExchangeBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
)

export const ExchangedToken = Type.Object({
  accessToken: Type.String(),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
  /** The owner's time zone (IANA): what the gateway renders for them (the calendar feed) is in it. */
  timezone: Type.String(),
})

export const CalendarFeed = Type.Object({
  tokenHint: Type.String({ description: "The token's first characters" }),
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()], {
    description: 'When a calendar last read the feed: accurate to a few minutes',
  }),
})

export const CreatedCalendarFeed = Type.Object({
  ...CalendarFeed.properties,
  token: Type.String({
    pattern: calendarTokenPattern,
    description: 'Shown this once: the feed is GET /api/v1/calendar/{token}.ics',
  }),
})
