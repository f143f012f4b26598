// The service's error-code table lives in the engine (its lowest layer); this path stays so the
// HTTP side keeps importing it from core.
export { ErrorCode, type ErrorCodeEntry } from '../../engine';
