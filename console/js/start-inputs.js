// The playground's form for a flow's start inputs, built from the start node's outputs
// (docs/nodes.md): a control per declared type, file inputs uploaded to the service first.
import { ApiError } from './api.js';
import { field, h, note, show } from './dom.js';
import { nodeType } from './graph.js';

/**
 * One entry per start output: `field` to show, `read()` giving the parameter value (throws on
 * bad JSON). `consumer()` names the app uploads are made as (X-Consumer-Username).
 */
export function startInputs(protocol, consumer) {
  const start = (protocol?.data?.nodes ?? []).find((n) => nodeType(n.id) === 'node-start');
  return (start?.data?.outputs ?? []).map((output) => {
    const type = output.schema?.type ?? 'string';
    const label = `${output.name}${output.required ? ' (required)' : ''}`;
    const hint = [type, output.schema?.description].filter(Boolean).join(' — ');
    if (output.fileType === 'file') return fileInput(output, type, label, consumer);
    const { control, read } = valueControl(output, type);
    return { name: output.name, read, field: field(label, control, hint) };
  });
}

function valueControl(output, type) {
  const required = output.required;
  if (type === 'boolean') {
    const control = h('input', { type: 'checkbox', name: output.name });
    return { control, read: () => control.checked };
  }
  if (type === 'integer' || type === 'number') {
    const step = type === 'integer' ? '1' : 'any';
    const control = h('input', { type: 'number', name: output.name, step, required });
    return { control, read: () => (control.value === '' ? undefined : Number(control.value)) };
  }
  if (type === 'object' || type.startsWith('array')) {
    const control = h('textarea', { name: output.name, rows: 3, required, placeholder: 'JSON' });
    return { control, read: () => parseJson(output.name, control.value) };
  }
  const control = h('input', { name: output.name, required });
  return { control, read: () => control.value };
}

function parseJson(name, text) {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} must be JSON.`);
  }
}

/**
 * A file input (docs/api.md "File inputs"): the URL(s) in a text box, filled by uploading
 * through /workflow/v1/upload_file(s) or typed in. A list input takes one URL per line.
 */
function fileInput(output, type, label, consumer) {
  const many = type === 'array';
  const kinds = (output.allowedFileType ?? []).join(', ');
  const urls = many
    ? h('textarea', { name: output.name, rows: 2, required: output.required })
    : h('input', { name: output.name, required: output.required });
  const status = h('div', { 'aria-live': 'polite' });
  const picker = h('input', { type: 'file', name: `${output.name}-upload`, multiple: many });
  picker.addEventListener('change', async () => {
    if (picker.files.length === 0) return;
    show(status, note('info', 'Uploading…'));
    try {
      const uploaded = await upload([...picker.files], many, consumer());
      urls.value = uploaded.join('\n');
      show(status, note('ok', `Uploaded ${uploaded.length} file(s).`));
    } catch (error) {
      show(status, note('error', `Upload refused: ${error.message}`));
    }
  });
  const read = () => {
    const list = urls.value
      .split('\n')
      .map((u) => u.trim())
      .filter(Boolean);
    if (many) return list.length ? list : undefined;
    return list[0];
  };
  const hint = `${many ? 'files, one URL a line' : 'a file URL'}${kinds ? ` (${kinds})` : ''}`;
  return {
    name: output.name,
    read,
    field: h(
      'div',
      { class: 'file-input' },
      field(label, urls, hint),
      field(`Upload ${output.name}`, picker),
      status,
    ),
  };
}

async function upload(files, many, consumer) {
  const form = new FormData();
  for (const file of files) form.append(many ? 'files' : 'file', file, file.name);
  const res = await fetch(`/workflow/v1/${many ? 'upload_files' : 'upload_file'}`, {
    method: 'POST',
    headers: consumer ? { 'X-Consumer-Username': consumer } : {},
    body: form,
  });
  const payload = await res.json();
  if (payload.code !== 0) throw new ApiError(payload.message, res.status, payload.code);
  return many ? payload.data.urls : [payload.data.url];
}
