import { HELLO_PROTOCOL } from '../../../core/http/openapi/demo-flow';
import { DEMO_FLOW_ID } from '../../../core/http/openapi/request-examples';

// The Swagger schema examples of the layout routes: the demo "hello" flow the request examples
// use, so the schema view shows a protocol that builds (every node carries its nodeMeta).
export const PROTOCOL_EXAMPLE = {
  name: 'hello',
  description: 'greets the user',
  data: HELLO_PROTOCOL,
};

export const FLOW_ID_EXAMPLE = DEMO_FLOW_ID;
