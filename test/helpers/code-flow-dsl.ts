import {
  edge,
  endNode,
  input,
  node,
  output,
  protocol,
  ref,
  startNode,
  type Json,
} from '../chat.helpers';

/** start → Python code node (`main(marker)` → {"marker": …}) → end printing the marker. The
 * DSL names `dslAppId` as the node's app, which the sandbox keys must never trust. */
export function codeFlow(code: string, dslAppId: string): Json {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      node('ifly-code::c', {
        inputs: [input('marker', 'string', ref('node-start::s', 'AGENT_USER_INPUT'))],
        outputs: [output('marker', 'string')],
        nodeParam: { code, appId: dslAppId, uid: 'user' },
      }),
      endNode('e', [input('m', 'string', ref('ifly-code::c', 'marker'))], {
        outputMode: 1,
        template: '{{m}}',
        streamOutput: true,
      }),
    ],
    [edge('node-start::s', 'ifly-code::c'), edge('ifly-code::c', 'node-end::e')],
  );
}
