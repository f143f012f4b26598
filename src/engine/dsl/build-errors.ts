import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';

// The error kinds of the build (docs/engine.md#build-and-validation).

/** An uncoded build error: code 20100 with the raw text as message (docs/engine.md#build-and-validation, "generic"). */
export function genericBuildError(text: string): AppException {
  return AppException.raw(ErrorCode.PROTOCOL_VALIDATION_ERROR.code, text);
}

/** 22101 Workflow engine node protocol validation failed(<detail>) */
export function nodeProtocolError(detail: string): AppException {
  return new AppException(ErrorCode.ENG_NODE_PROTOCOL_VALIDATE_ERROR, detail);
}

/** 22300 Workflow engine build failed(<detail>) */
export function buildError(detail: string): AppException {
  return new AppException(ErrorCode.ENG_BUILD_ERROR, detail);
}
