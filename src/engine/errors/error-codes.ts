// Error codes of the reference workflow service (docs/api.md#error-codes): number, name, message.
// Names follow the seed; numbers and messages are what clients see on the wire. One table for the
// whole service (HTTP-side codes too): it lives in the engine, the lowest layer, and
// `src/core/errors/error-code.ts` re-exports it.

export interface ErrorCodeEntry {
  readonly code: number;
  readonly message: string;
}

export const ErrorCode = {
  SUCCESS: { code: 0, message: 'Success' },
  PARAM_ERROR: { code: 460, message: 'Parameter validation error' },
  APP_NOT_FOUND_ERROR: { code: 20000, message: 'Application not found' },
  APP_GET_WITH_REMOTE_FAILED_ERROR: {
    code: 20001,
    message: 'Failed to get application from management platform',
  },
  APP_TENANT_NOT_FOUND_ERROR: { code: 20002, message: 'Application tenant not found' },
  APP_TENANT_PLATFORM_UNAUTHORIZED_ERROR: {
    code: 20003,
    message: 'Application tenant has no platform permission',
  },
  APP_FLOW_NOT_AUTH_BOND_ERROR: { code: 20004, message: 'Application not bound to workflow' },
  APP_FLOW_NO_LICENSE_ERROR: {
    code: 20005,
    message: 'Appid is prohibited from using this workflow',
  },
  APP_PLAT_NOT_RELEASE_OP_ERROR: {
    code: 20006,
    message: 'Platform has no corresponding operation',
  },
  APP_FLOW_AUTH_BOND_ERROR: { code: 20007, message: 'Application binding failed' },
  // our extensions: TENANCY=strict ownership and AUTH_MODE=signature (README, "Tenancy")
  APP_FLOW_FORBIDDEN_ERROR: {
    code: 20010,
    message: 'Application has no permission on this workflow',
  },
  APP_SIGNATURE_ERROR: { code: 20011, message: 'Request signature verification failed' },
  // our extension: the admin API refuses to delete an app that still holds bindings (docs/api.md#admin-api)
  APP_HAS_BINDINGS_ERROR: { code: 20012, message: 'Application is still bound to workflows' },
  PROTOCOL_VALIDATION_ERROR: { code: 20100, message: 'Protocol validation failed' },
  PROTOCOL_BUILD_ERROR: { code: 20101, message: 'Protocol build failed' },
  PROTOCOL_CREATE_ERROR: { code: 20102, message: 'Protocol creation error' },
  PROTOCOL_DELETE_ERROR: { code: 20103, message: 'Protocol deletion error' },
  PROTOCOL_UPDATE_ERROR: { code: 20104, message: 'Protocol update failed' },
  FLOW_NOT_FOUND_ERROR: { code: 20201, message: 'Flow ID not found' },
  FLOW_ID_TYPE_ERROR: { code: 20202, message: 'Invalid Flow ID (defined, unused)' },
  FLOW_NOT_PUBLISH_ERROR: { code: 20204, message: 'Workflow not published' },
  FLOW_NO_APP_ID_ERROR: { code: 20205, message: 'Workflow has no appid' },
  FLOW_PUBLISH_ERROR: { code: 20206, message: 'Workflow publish failed' },
  OPEN_API_FLOW_STATUS_ERROR: {
    code: 20207,
    message: 'Workflow is in draft status (deprecated, unused)',
  },
  FLOW_VERSION_ERROR: { code: 20208, message: 'Flow version not found (defined, unused)' },
  FLOW_GET_ERROR: { code: 20209, message: 'Workflow retrieval failed' },
  SPARK_FUNCTION_NOT_CHOICE_ERROR: { code: 20301, message: 'Model did not select valid function' },
  SPARK_QUICK_REPAIR_ERROR: { code: 20302, message: 'Model hit specific issue' },
  SPARK_REQUEST_ERROR: { code: 20303, message: 'Model request failed' },
  SPARK_WS_ERROR: { code: 20350, message: 'Model request upgrade to WebSocket error' },
  SPARK_WS_READ_ERROR: { code: 20351, message: 'Model request WebSocket read user message error' },
  SPARK_WS_SEND_ERROR: {
    code: 20352,
    message: 'Model request WebSocket send message to user error',
  },
  SPARK_MESSAGE_FORMAT_ERROR: { code: 20353, message: 'Model request user message format error' },
  SPARK_SCHEMA_ERROR: { code: 20354, message: 'Model request user data schema error' },
  SPARK_PARAM_ERROR: { code: 20355, message: 'Model request user parameter value error' },
  SPARK_CONCURRENCY_ERROR: {
    code: 20356,
    message:
      'Model service user concurrency error: current user is connected, same user cannot connect from multiple locations',
  },
  SPARK_TRAFFIC_LIMIT_ERROR: {
    code: 20357,
    message:
      "Model service user traffic limit: service is processing user's current question, wait for completion before sending new request",
  },
  SPARK_CAPACITY_ERROR: {
    code: 20358,
    message: 'Model service capacity insufficient, contact staff',
  },
  SPARK_ENGINE_CONNECTION_ERROR: {
    code: 20359,
    message: 'Model and engine connection establishment failed',
  },
  SPARK_ENGINE_RECEIVE_ERROR: { code: 20360, message: 'Model receiving engine data error' },
  SPARK_ENGINE_SEND_ERROR: { code: 20361, message: 'Model service sending data to engine error' },
  SPARK_ENGINE_INTERNAL_ERROR: { code: 20362, message: 'Model engine internal error' },
  SPARK_CONTENT_AUDIT_ERROR: {
    code: 20363,
    message: 'Model input content audit failed, suspected violation, please adjust input content',
  },
  SPARK_OUTPUT_AUDIT_ERROR: {
    code: 20364,
    message:
      'Model output content involves sensitive information, audit failed, results cannot be displayed to user',
  },
  SPARK_APP_ID_BLACKLIST_ERROR: { code: 20365, message: 'Appid is in model service blacklist' },
  SPARK_APP_ID_AUTH_ERROR: {
    code: 20366,
    message:
      'Model service appid authorization error: feature not enabled, version not enabled, insufficient tokens, concurrency exceeds authorization',
  },
  SPARK_CLEAR_HISTORY_ERROR: { code: 20367, message: 'Model clear history failed' },
  SPARK_VIOLATION_ERROR: {
    code: 20368,
    message:
      'Model service indicates session content has violation tendency; suggest showing violation warning to user',
  },
  SPARK_BUSY_ERROR: { code: 20369, message: 'Model service busy, please try again later' },
  SPARK_ENGINE_PARAMS_ERROR: {
    code: 20370,
    message: 'Model service request engine parameter error, engine schema check failed',
  },
  SPARK_ENGINE_NETWORK_ERROR: { code: 20371, message: 'Model service engine network error' },
  SPARK_TOKEN_LIMIT_ERROR: {
    code: 20372,
    message:
      'Model request token count exceeds limit, conversation history + question text too long, need to simplify input',
  },
  SPARK_AUTH_ERROR: {
    code: 20373,
    message:
      'Model authorization error: appId has no feature authorization or business volume exceeds limit',
  },
  SPARK_DAILY_LIMIT_ERROR: {
    code: 20374,
    message: 'Model authorization error: daily rate limit exceeded',
  },
  SPARK_SECOND_LIMIT_ERROR: {
    code: 20375,
    message: 'Model authorization error: second-level rate limit exceeded',
  },
  SPARK_CONCURRENCY_LIMIT_ERROR: {
    code: 20376,
    message: 'Model authorization error: concurrency limit exceeded',
  },
  OPEN_AI_REQUEST_ERROR: { code: 20380, message: 'External large model request failed' },
  KNOWLEDGE_REQUEST_ERROR: { code: 20500, message: 'Knowledge base request error' },
  KNOWLEDGE_NODE_EXECUTION_ERROR: { code: 20501, message: 'Knowledge base node execution error' },
  KNOWLEDGE_PARAM_ERROR: { code: 20502, message: 'Knowledge base parameter error' },
  VARIABLE_POOL_GET_PARAMETER_ERROR: {
    code: 20600,
    message: 'Variable system parameter retrieval failed',
  },
  VARIABLE_POOL_SET_PARAMETER_ERROR: {
    code: 20601,
    message: 'Variable system parameter setting failed',
  },
  VARIABLE_PARSE_ERROR: { code: 20602, message: 'Variable name parsing failed' },
  OPEN_API_STREAM_QUEUE_TIMEOUT_ERROR: { code: 20804, message: 'OpenAPI output timeout' },
  OPEN_API_ERROR: { code: 20805, message: 'OpenAPI output error' },
  MASDK_LICC_LIMIT_ERROR: {
    code: 20900,
    message:
      'Authentication failed: authorization limit, service not authorized or authorization expired',
  },
  MASDK_OVER_LIMIT_ERROR: {
    code: 20901,
    message:
      'Authentication failed: service limit exceeded, business session total limit or daily rate limit exceeded',
  },
  MASDK_OVER_QPS_LIMIT_ERROR: {
    code: 20902,
    message: 'Authentication failed: service limit exceeded, QPS second-level rate limit exceeded',
  },
  MASDK_OVER_CONC_LIMIT_ERROR: {
    code: 20903,
    message:
      'Concurrency authentication failed: service limit exceeded, concurrency limit exceeded',
  },
  MASDK_CONNECT_ERROR: {
    code: 20904,
    message: 'Authentication SDK error, non-success status no log returned',
  },
  MASDK_UNKNOWN_ERROR: { code: 20905, message: 'Authentication failed, unknown error' },
  PG_SQL_REQUEST_ERROR: { code: 21000, message: 'PostgreSQL node request error' },
  PG_SQL_NODE_EXECUTION_ERROR: { code: 21001, message: 'PostgreSQL node execution error' },
  PG_SQL_PARAM_ERROR: { code: 21002, message: 'PostgreSQL node request parameter error' },
  AUDIT_ERROR: { code: 21100, message: 'Audit error' },
  AUDIT_SERVER_ERROR: { code: 21101, message: 'Audit service error' },
  AUDIT_INPUT_ERROR: {
    code: 21102,
    message:
      'Workflow input content audit failed, suspected violation, please adjust input content',
  },
  AUDIT_OUTPUT_ERROR: {
    code: 21103,
    message:
      'Workflow output content involves sensitive information, audit failed, results cannot be displayed to user',
  },
  AUDIT_QA_ERROR: { code: 21104, message: 'Question-answer node does not support audit yet' },
  IMAGE_GENERATE_ERROR: { code: 21200, message: 'Image generation failed (deprecated)' },
  IMAGE_STORAGE_ERROR: { code: 21201, message: 'Image storage failed (deprecated)' },
  IMAGE_GENERATE_MSG_FORMAT_ERROR: {
    code: 21203,
    message: 'User message format error (deprecated)',
  },
  IMAGE_GENERATE_SCHEMA_ERROR: { code: 21204, message: 'User data schema error (deprecated)' },
  IMAGE_GENERATE_PARAMS_ERROR: { code: 21205, message: 'User parameter value error (deprecated)' },
  IMAGE_GENERATE_SRV_NOT_ENOUGH_ERROR: {
    code: 21206,
    message: 'Image generation service capacity insufficient (deprecated)',
  },
  IMAGE_GENERATE_INPUT_AUDIT_ERROR: {
    code: 21207,
    message: 'Image generation service input audit failed (deprecated)',
  },
  IMAGE_GENERATE_IMAGE_SENSITIVENESS_ERROR: {
    code: 21208,
    message: 'Model generated image involves sensitive information, audit failed (deprecated)',
  },
  IMAGE_GENERATE_IMAGE_TIMEOUT_ERROR: {
    code: 21209,
    message: 'Image generation timeout (deprecated)',
  },
  RPA_REQUEST_ERROR: { code: 21300, message: 'RPA node request failed' },
  CODE_EXECUTION_ERROR: { code: 21600, message: 'Code execution failed' },
  CODE_BUILD_ERROR: { code: 21601, message: 'Code interpreter node build failed' },
  CODE_NODE_RESULT_TYPE_ERROR: {
    code: 21602,
    message: 'Code node return result type does not meet requirements',
  },
  CODE_EXECUTION_TIMEOUT_ERROR: { code: 21603, message: 'Code execution timeout' },
  // our extension: a caller over its sandbox start limits (README, "Code sandboxes")
  CODE_SANDBOX_LIMIT_ERROR: { code: 21604, message: 'Code sandbox limit reached' },
  NODE_DEBUG_ERROR: { code: 21700, message: 'Node debug failed' },
  SPARK_LINK_ACTION_ERROR: { code: 21800, message: 'Tool request failed' },
  SPARK_LINK_APP_INIT_ERROR: { code: 21801, message: 'Tool initialization failed' },
  SPARK_LINK_JSON_PROTOCOL_PARSER_ERROR: {
    code: 21802,
    message: 'Tool JSON protocol parsing failed',
  },
  SPARK_LINK_JSON_SCHEMA_VALIDATE_ERROR: {
    code: 21803,
    message: 'Tool protocol validation failed',
  },
  SPARK_LINK_OPENAPI_SCHEMA_VALIDATE_ERROR: {
    code: 21804,
    message: 'Tool OpenAPI protocol parsing failed',
  },
  SPARK_LINK_OPENAPI_SCHEMA_BODY_TYPE_NOT_SUPPORT_ERROR: {
    code: 21805,
    message: 'Tool body type not supported',
  },
  SPARK_LINK_OPENAPI_SCHEMA_SERVER_NOT_EXIST_ERROR: {
    code: 21806,
    message: 'Tool server does not exist',
  },
  SPARK_LINK_OFFICIAL_THIRD_API_REQUEST_FAILED_ERROR: {
    code: 21807,
    message: 'Official tool request failed',
  },
  SPARK_LINK_TOOL_NOT_EXIST_ERROR: { code: 21808, message: 'Tool does not exist' },
  SPARK_LINK_OPERATION_ID_NOT_EXIST_ERROR: {
    code: 21809,
    message: 'Tool operation does not exist',
  },
  SPARK_LINK_CONNECTION_ERROR: { code: 21810, message: 'Tool request failed, connection error' },
  SPARK_LINK_EXECUTE_ERROR: { code: 21811, message: 'Third-party tool execution failed' },
  SPARK_LINK_THIRD_API_REQUEST_FAILED_ERROR: {
    code: 21812,
    message: 'Third-party tool request failed',
  },
  EXTRACT_EXECUTION_ERROR: { code: 21900, message: 'Parameter extraction failed' },
  ENG_PROTOCOL_VALIDATE_ERROR: {
    code: 22100,
    message: 'Workflow engine protocol validation failed',
  },
  ENG_NODE_PROTOCOL_VALIDATE_ERROR: {
    code: 22101,
    message: 'Workflow engine node protocol validation failed',
  },
  ENG_BUILD_ERROR: { code: 22300, message: 'Workflow engine build failed' },
  ENG_RUN_ERROR: { code: 22301, message: 'Workflow engine run failed' },
  NODE_RUN_ERROR: { code: 22302, message: 'Node execution failed' },
  START_NODE_SCHEMA_ERROR: { code: 22500, message: 'Start node protocol error' },
  END_NODE_SCHEMA_ERROR: { code: 22600, message: 'End node protocol error' },
  END_NODE_EXECUTION_ERROR: { code: 22601, message: 'End node execution failed' },
  MESSAGE_NODE_EXECUTION_ERROR: { code: 22701, message: 'Message node execution failed' },
  WORKFLOW_EXECUTION_ERROR: { code: 22801, message: 'Workflow node execution failed' },
  WORKFLOW_EXEC_RESP_FORMAT_ERROR: {
    code: 22802,
    message: 'Workflow node execution response format error',
  },
  VARIABLE_NODE_EXECUTION_ERROR: { code: 22900, message: 'Variable node execution failed' },
  IF_ELSE_NODE_EXECUTION_ERROR: { code: 23100, message: 'Branch node execution failed' },
  ITERATION_EXECUTION_ERROR: { code: 23200, message: 'Iteration node execution failed' },
  LLM_NODE_EXECUTION_ERROR: { code: 23300, message: 'LLM node execution failed' },
  PLUGIN_NODE_EXECUTION_ERROR: { code: 23400, message: 'Plugin node execution failed' },
  TEXT_JOINER_NODE_EXECUTION_ERROR: { code: 23500, message: 'Text joiner node execution failed' },
  FILE_INVALID_ERROR: { code: 23601, message: 'Invalid file' },
  FILE_VARIABLE_PROTOCOL_ERROR: { code: 23602, message: 'File variable protocol error' },
  FILE_INVALID_TYPE_ERROR: { code: 23603, message: 'Invalid file link' },
  FILE_STORAGE_ERROR: { code: 23604, message: 'File storage failed' },
  AGENT_NODE_EXECUTION_ERROR: { code: 23700, message: 'Agent node execution failed' },
  QUESTION_ANSWER_NODE_EXECUTION_ERROR: {
    code: 23800,
    message: 'Question-answer node execution failed',
  },
  QUESTION_ANSWER_NODE_PROTOCOL_ERROR: {
    code: 23801,
    message: 'Question-answer node protocol error',
  },
  QUESTION_ANSWER_RESUME_DATA_ERROR: {
    code: 23802,
    message: 'Question-answer node data retrieval timeout',
  },
  QUESTION_ANSWER_HANDLER_RESPONSE_ERROR: {
    code: 23803,
    message: 'Question-answer node user response handling error',
  },
  EVENT_REGISTRY_NOT_FOUND_ERROR: {
    code: 23900,
    message: 'Conversation has timed out or does not exist',
  },
  // our extension: the http-request node (docs/nodes.md#http-request, README "Error codes")
  HTTP_REQUEST_NODE_EXECUTION_ERROR: { code: 24000, message: 'HTTP request node execution failed' },
  HTTP_REQUEST_TARGET_FORBIDDEN_ERROR: {
    code: 24001,
    message: 'HTTP request node target address is not allowed',
  },
  HTTP_REQUEST_TIMEOUT_ERROR: { code: 24002, message: 'HTTP request node request timeout' },
  HTTP_REQUEST_RESPONSE_TOO_LARGE_ERROR: {
    code: 24003,
    message: 'HTTP request node response too large',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCodeName = keyof typeof ErrorCode;

const byNumber = new Map<number, ErrorCodeEntry>(Object.values(ErrorCode).map((e) => [e.code, e]));

/** Looks an entry up by its wire number (used when a stored or remote code is re-raised). */
export function errorCodeByNumber(code: number): ErrorCodeEntry | undefined {
  return byNumber.get(code);
}
