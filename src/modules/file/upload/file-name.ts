// Client file names are untrusted: they may carry a path (`C:\fakepath\a.pdf`, `../../x.pdf`),
// control or bidi-override characters. Only the sanitised base name and its extension are used;
// objects are always stored as `<uuid>.<ext>`, never under the client's name.

export interface ClientFileName {
  /** the sanitised base name (may be empty) */
  name: string;
  /** lower-cased text after the last `.`; the whole name when there is no dot (docs/api.md#uploads) */
  extension: string;
  /** true when nothing but an extension is left, e.g. `""`, `".pdf"` or `"  /  "` */
  isEmpty: boolean;
}

// C0/C1 controls, DEL, and bidi embedding/override/isolate marks (used to disguise extensions)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const SAFE_EXTENSION = /^[a-z0-9]{1,16}$/;

export function parseClientFileName(raw: string | undefined): ClientFileName {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const name = base.normalize('NFC').replace(UNSAFE_CHARACTERS, '').trim();
  const dot = name.lastIndexOf('.');
  const extension = (dot === -1 ? name : name.slice(dot + 1)).toLowerCase();
  const stem = dot === -1 ? '' : name.slice(0, dot);
  return { name, extension, isEmpty: name === '' || (dot !== -1 && stem.trim() === '') };
}

/** Extensions usable in an object key: configured types are trusted only when they look sane. */
export function isSafeExtension(extension: string): boolean {
  return SAFE_EXTENSION.test(extension);
}
