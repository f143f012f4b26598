// The cache lives in the engine (the plugin node uses it too); this path stays for the service.
export { TtlCache } from '../../engine';
