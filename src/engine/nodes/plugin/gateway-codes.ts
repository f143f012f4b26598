import { AppException } from '../../errors/engine-error';
import { ErrorCode, type ErrorCodeEntry } from '../../errors/error-codes';

// Tool gateway `header.code` → node code (docs/nodes.md#plugin); unknown codes are 21800.

const BY_GATEWAY_CODE: ReadonlyMap<number, ErrorCodeEntry> = new Map<number, ErrorCodeEntry>([
  [30001, ErrorCode.SPARK_LINK_APP_INIT_ERROR],
  [30100, ErrorCode.SPARK_LINK_ACTION_ERROR],
  [30200, ErrorCode.SPARK_LINK_JSON_PROTOCOL_PARSER_ERROR],
  [30201, ErrorCode.SPARK_LINK_JSON_SCHEMA_VALIDATE_ERROR],
  [30300, ErrorCode.SPARK_LINK_OPENAPI_SCHEMA_VALIDATE_ERROR],
  [30301, ErrorCode.SPARK_LINK_OPENAPI_SCHEMA_BODY_TYPE_NOT_SUPPORT_ERROR],
  [30302, ErrorCode.SPARK_LINK_OPENAPI_SCHEMA_SERVER_NOT_EXIST_ERROR],
  [30400, ErrorCode.SPARK_LINK_OFFICIAL_THIRD_API_REQUEST_FAILED_ERROR],
  [30403, ErrorCode.SPARK_LINK_THIRD_API_REQUEST_FAILED_ERROR],
  [30500, ErrorCode.SPARK_LINK_TOOL_NOT_EXIST_ERROR],
  [30600, ErrorCode.SPARK_LINK_OPERATION_ID_NOT_EXIST_ERROR],
]);

export function gatewayCodeEntry(code: unknown): ErrorCodeEntry {
  return (
    (typeof code === 'number' && BY_GATEWAY_CODE.get(code)) || ErrorCode.SPARK_LINK_ACTION_ERROR
  );
}

/** The node error for a refused run call, with the gateway's message as detail. */
export function gatewayRefused(code: unknown, message: unknown): AppException {
  const text = typeof message === 'string' && message ? message : `gateway code ${String(code)}`;
  return new AppException(gatewayCodeEntry(code), text);
}
