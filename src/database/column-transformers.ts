import type { ValueTransformer } from 'typeorm';

/** 64-bit ids: strings in the app whatever the driver returns (bigint, string or number). */
export const bigintString: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : String(value)),
};

/** Small integers: SQLite readers run with safe integers on (see data-source), so coerce back. */
export const intNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/** JSON documents stored as text (protocols can be large; MySQL uses mediumtext). */
export const jsonText: ValueTransformer = {
  to: (value: unknown) =>
    value === undefined ? undefined : value === null ? null : JSON.stringify(value),
  from: (value: unknown) => {
    if (value === null || value === undefined || value === '') return value === '' ? {} : value;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
};
