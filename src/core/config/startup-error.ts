/**
 * A start-up failure already worded for the operator: one line that names the setting to fix
 * (`main.ts` prints it and exits non-zero, no stack trace).
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
