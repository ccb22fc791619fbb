export * from './local-day.ts'
