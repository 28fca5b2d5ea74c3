/** Safe fetching of URLs that members type: address guard, fetcher, charset decoding. */
export { classifyAddress, type AddressVerdict, type BlockReason, type Embedding } from './address-guard.js';
export { isHostAllowed, normaliseHost, parseAllowHosts, type ParsedAllowHosts } from './allow-hosts.js';
export {
  FEED_CONTENT_TYPES,
  PAGE_CONTENT_TYPES,
  parseContentType,
  type ParsedContentType,
} from './content-type.js';
export { decodeText, type TextKind } from './decode-text.js';
export { FetchError, isFetchError, type FetchErrorCode } from './fetch-error.js';
export { parseIpLiteral } from './ip-parse.js';
export { systemLookup, type HostLookup, type ResolvedAddress } from './resolve-host.js';
export {
  createSafeFetch,
  DEFAULT_USER_AGENT,
  safeFetch,
  type FetchResult,
  type SafeFetchOptions,
} from './safe-fetch.js';
