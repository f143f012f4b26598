import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isForbiddenAddress } from './address-guard';

/** Raised when a URL's host is or resolves to a forbidden address. */
export class ForbiddenAddressError extends Error {
  constructor(readonly host: string) {
    super(`address not allowed: ${host}`);
  }
}

/**
 * A `lookup` for the http agent that resolves, refuses the host when any of its addresses is
 * forbidden, and hands the checked addresses to the socket: the connection goes to exactly
 * what was checked (no second resolution to race against).
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (!addresses.length || addresses.some((a) => isForbiddenAddress(a.address))) {
      return callback(new ForbiddenAddressError(hostname), '', 0);
    }
    if (options.all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
