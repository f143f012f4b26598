// Public surface of the file module for other modules (chat / debug runs).
export { FileModule } from './file.module';
export { FileInputValidator } from './inputs/file-input.validator';
export {
  fileVariablesOf,
  startNodeOf,
  validateFileInputs,
  type FileInputOptions,
  type StartNodeLike,
} from './inputs/validate-file-inputs';
export { DEFAULT_FILE_KINDS } from './inputs/file-kinds';
