// The service's domain error is the engine's own (the engine is the lowest layer); this path stays
// so the HTTP side keeps importing it from core.
export { AppException, isAppException } from '../../engine';
