// Reads a run's answer with fetch streaming: `data: <json>\n\n` frames (docs/api.md
// "Streaming"), or one JSON chunk when the run was refused before it started.

/** POSTs a run request and calls `onFrame` for each frame as it arrives. */
export async function streamRun(path, body, consumer, onFrame) {
  const headers = { 'Content-Type': 'application/json' };
  if (consumer) headers['X-Consumer-Username'] = consumer;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    onFrame(await res.json());
    return;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) onFrame(JSON.parse(data));
    }
  }
}
