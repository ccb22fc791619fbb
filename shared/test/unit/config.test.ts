import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { baseConfig, ConfigError, loadConfig, Port, PostgresUrl } from '../../src/config.ts'

const schema = {
  ...baseConfig,
  PORT: Port(3001),
  DATABASE_URL: PostgresUrl('postgres://u:p@127.0.0.1:5432/db'),
  SECRET: Type.String({ minLength: 8 }),
}

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, { PORT: '4000', SECRET: 'long-enough' })
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development' })
    expect(config.DATABASE_URL).toBe('postgres://u:p@127.0.0.1:5432/db')
  })

  it('treats an empty string as unset', () => {
    expect(loadConfig(schema, { PORT: '', SECRET: 'long-enough' }).PORT).toBe(3001)
  })

  it('names every malformed or missing variable and what it expected', () => {
    let error: unknown
    try {
      loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    const { problems, message } = error as ConfigError
    expect(problems).toHaveLength(4)
    expect(message).toContain('PORT="eighty" is invalid: expected TCP port (0-65535)')
    expect(message).toContain('LOG_LEVEL="loud" is invalid: expected one of fatal, error')
    expect(message).toContain('DATABASE_URL="mysql://x" is invalid')
    expect(message).toContain('SECRET is missing')
  })

  it('rejects a port out of range', () => {
    expect(() => loadConfig(schema, { PORT: '70000', SECRET: 'long-enough' })).toThrow(/PORT="70000"/)
  })
})
