export * from './background-job.ts'
export * from './job-plugin.ts'
