// The document's tags: one per resource, in the order Swagger UI lists them.
export const ApiTag = {
  FLOWS: 'flows',
  PUBLISH: 'versions / publish',
  RUNS: 'runs',
  RESUME: 'resume',
  FILES: 'files',
  CODE: 'code',
  ADMIN: 'admin',
  HEALTH: 'health',
} as const;

export const API_TAG_DESCRIPTIONS: [string, string][] = [
  [ApiTag.FLOWS, 'Store, read, change, validate and delete flows (the working draft)'],
  [ApiTag.PUBLISH, 'Publish a flow, bind an app to it, keep comparison copies of a version'],
  [ApiTag.RUNS, 'Run a flow (published or draft) or one node of it'],
  [ApiTag.RESUME, 'Answer a run paused by a question-answer node'],
  [ApiTag.FILES, 'Upload files for file inputs and serve the local store'],
  [ApiTag.CODE, 'Run code in the sandbox'],
  [ApiTag.ADMIN, 'Manage apps, inspect flows and runs (bearer ADMIN_TOKEN)'],
  [ApiTag.HEALTH, 'Liveness and readiness'],
];
