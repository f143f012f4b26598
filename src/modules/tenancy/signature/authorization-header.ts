/** The fields of `Authorization: api_key="…", algorithm="…", headers="…", signature="…"`. */
export interface SignatureAuthorization {
  apiKey: string;
  algorithm: string;
  headers: string;
  signature: string;
}

const FIELD = /([a-z_]+)="([^"]*)"/g;

/** Parses the header the management platform scheme sends; undefined when a field is missing. */
export function parseSignatureAuthorization(
  value: string | undefined,
): SignatureAuthorization | undefined {
  if (!value) return undefined;
  const fields = new Map<string, string>();
  for (const [, name, content] of value.matchAll(FIELD)) fields.set(name, content);
  const apiKey = fields.get('api_key');
  const algorithm = fields.get('algorithm');
  const headers = fields.get('headers');
  const signature = fields.get('signature');
  if (!apiKey || !algorithm || !headers || !signature) return undefined;
  return { apiKey, algorithm, headers, signature };
}
