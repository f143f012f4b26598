// The DSL drawn read-only: nodes in columns by their distance from the start, edges as curves
// labelled with their branch handle. Nodes are buttons (click or Enter) that show settings.
import { h, s } from './dom.js';

const W = 180;
const H = 56;
const GAP_X = 120;
const GAP_Y = 28;
const PAD = 20;

/** Node type = the id's prefix (docs/nodes.md): `spark-llm::…` → `spark-llm`. */
export function nodeType(id) {
  return String(id).split('::')[0];
}

/** Colour family of a node type, so a reader sees the flow's shape at a glance. */
function family(type) {
  if (type === 'node-start' || type === 'node-end') return 'terminal';
  if (
    [
      'spark-llm',
      'decision-making',
      'extractor-parameter',
      'agent',
      'knowledge-base',
      'knowledge-pro-base',
    ].includes(type)
  )
    return 'model';
  if (
    [
      'if-else',
      'iteration',
      'iteration-node-start',
      'iteration-node-end',
      'question-answer',
    ].includes(type)
  )
    return 'logic';
  if (type === 'message' || type === 'text-joiner' || type === 'node-variable') return 'text';
  return 'tool';
}

/** Column of each node: the longest path from a node without incoming edges (cycles cut). */
function columns(nodes, edges) {
  const column = new Map(nodes.map((n) => [n.id, 0]));
  for (let pass = 0; pass < nodes.length; pass += 1) {
    let changed = false;
    for (const e of edges) {
      const from = column.get(e.sourceNodeId);
      const to = column.get(e.targetNodeId);
      if (from === undefined || to === undefined || to >= from + 1) continue;
      column.set(e.targetNodeId, from + 1);
      changed = true;
    }
    if (!changed) break;
  }
  return column;
}

/**
 * An SVG of the protocol's nodes and edges; `onSelect(node)` is called when a node is chosen.
 */
export function flowGraph(protocol, onSelect) {
  const nodes = protocol?.data?.nodes ?? [];
  const edges = protocol?.data?.edges ?? [];
  const column = columns(nodes, edges);
  const rows = new Map();
  const place = new Map();
  for (const node of nodes) {
    const c = column.get(node.id) ?? 0;
    const r = rows.get(c) ?? 0;
    rows.set(c, r + 1);
    place.set(node.id, { x: PAD + c * (W + GAP_X), y: PAD + r * (H + GAP_Y) });
  }
  const width = PAD * 2 + (Math.max(0, ...column.values()) + 1) * (W + GAP_X) - GAP_X;
  const height = PAD * 2 + Math.max(1, ...rows.values()) * (H + GAP_Y) - GAP_Y;
  const svg = s('svg', {
    class: 'graph',
    viewBox: `0 0 ${width} ${height}`,
    // shrinks to fit its box down to 60 % (text stays readable), then the box scrolls
    style: `width: 100%; max-width: ${width}px; min-width: ${Math.round(width * 0.6)}px`,
    role: 'group',
    'aria-label': `Flow graph: ${nodes.length} nodes, ${edges.length} edges`,
  });
  svg.append(
    s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto-start-reverse',
        },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }),
      ),
    ),
  );
  for (const e of edges) {
    const a = place.get(e.sourceNodeId);
    const b = place.get(e.targetNodeId);
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = [a.x + W, a.y + H / 2, b.x, b.y + H / 2];
    const bend = Math.max(30, (x2 - x1) / 2);
    const group = s('g', {
      class: 'edge',
      'data-source': e.sourceNodeId,
      'data-target': e.targetNodeId,
    });
    group.append(
      s('path', {
        d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        'marker-end': 'url(#arrow)',
      }),
    );
    if (e.sourceHandle) {
      const label = String(e.sourceHandle);
      group.append(
        s('text', { x: x1 + 6, y: y1 - 6, class: 'handle' }, s('title', {}, label), shorten(label)),
      );
    }
    svg.append(group);
  }
  for (const node of nodes) {
    const { x, y } = place.get(node.id);
    const type = nodeType(node.id);
    const name = node.data?.nodeMeta?.aliasName || type;
    const group = s('g', {
      class: `node ${family(type)}`,
      tabindex: 0,
      role: 'button',
      'data-node-id': node.id,
      'data-node-type': type,
      'aria-label': `${name} (${type}): show settings`,
      transform: `translate(${x},${y})`,
    });
    group.append(
      s('rect', { width: W, height: H, rx: 8 }),
      s('text', { x: 10, y: 22, class: 'name' }, truncate(name, 22)),
      s('text', { x: 10, y: 42, class: 'type' }, type),
    );
    const select = () => {
      for (const other of svg.querySelectorAll('.node.selected'))
        other.classList.remove('selected');
      group.classList.add('selected');
      onSelect(node);
    };
    group.addEventListener('click', select);
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    svg.append(group);
  }
  return h('div', { class: 'graph-wrap' }, svg);
}

/** `option-one-of::8c1f…` → `option-one-of::8c1f…` kept short enough to sit on the edge. */
function shorten(handle) {
  return truncate(handle, 20);
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
