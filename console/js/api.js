// Every call the console makes. Admin routes carry the operator's token as a bearer; the
// public routes (publish, bind, flow storage, runs) are the ones any client of the service uses.

const TOKEN_KEY = 'astron-workflow-admin-token';
const ADMIN = '/workflow/v1/admin';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refused call, with the HTTP status and the business code when there is one. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** An admin API call; answers the envelope's `data`, throws ApiError with a readable message. */
export async function admin(path, { method = 'GET', query, body } = {}) {
  const url = ADMIN + path + queryString(query);
  const headers = { Authorization: `Bearer ${session.token() ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    throw new ApiError(
      'The admin token was not accepted. Check ADMIN_TOKEN and sign in again.',
      401,
      401,
    );
  }
  if (res.status === 403) {
    throw new ApiError(
      'The admin API is switched off on this service (ADMIN_TOKEN is not set).',
      403,
      403,
    );
  }
  if (res.status === 404) throw new ApiError(`Not found: ${path}`, 404);
  return envelopeData(res);
}

/** A public route answering the envelope, called as the app `consumer` when given. */
export async function service(path, body, consumer) {
  const headers = { 'Content-Type': 'application/json' };
  if (consumer) headers['X-Consumer-Username'] = consumer;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  return envelopeData(res);
}

async function envelopeData(res) {
  let payload;
  try {
    payload = await res.json();
  } catch {
    throw new ApiError(`The service answered HTTP ${res.status} without JSON.`, res.status);
  }
  if (payload.code !== 0) {
    throw new ApiError(payload.message ?? `HTTP ${res.status}`, res.status, payload.code);
  }
  return payload.data;
}

function queryString(query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Every app, oldest first (the admin API pages by 200 at most). */
export async function allApps() {
  const apps = [];
  for (let offset = 0; ; offset += 200) {
    const page = await admin('/apps', { query: { offset, limit: 200 } });
    apps.push(...page.items);
    if (apps.length >= page.total || page.items.length === 0) return apps;
  }
}

/** Every working flow an app owns. */
export async function flowsOf(aliasId) {
  const flows = [];
  for (let page = 1; ; page += 1) {
    const data = await admin('/flows', { query: { app_id: aliasId, page, page_size: 200 } });
    flows.push(...data.items);
    if (flows.length >= data.total || data.items.length === 0) return flows;
  }
}

/**
 * A flow's stored DSL. `/protocol/get` answers the row as JSON text; only the protocol inside
 * is used (its node ids are strings, so no id is rounded by JSON.parse).
 */
export async function flowProtocol(flowId) {
  const text = await service('/workflow/v1/protocol/get', { flow_id: flowId });
  const row = JSON.parse(text);
  return row.data ?? {};
}
