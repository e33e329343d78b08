// What every feature of <pendant-viewer> shares: defaults, coded errors, the download with a
// cap, and the source policy. No feature lives here.

/** One documented place for defaults. */
export const DEFAULTS = Object.freeze({
  AUTO_ROTATE_DEGREES_PER_SECOND: 30,
  EXPOSURE: 1,
  SHADOW_INTENSITY: 0.6,
  MAX_DEVICE_PIXEL_RATIO: 2,
});

/**
 * Download caps, bytes: the load budget's file limit (src/model/gltf/budget.rs; the wasm checks
 * again) and the photo limit (src/photo/inspect.rs). A download stops as soon as it passes
 * one, before the file is all in memory.
 */
export const LIMITS = Object.freeze({ MODEL_BYTES: 64 * 2 ** 20, PHOTO_BYTES: 64 * 2 ** 20 });

/** An Error with a stable code, like the ones the wasm throws (docs/errors.md). */
export function codedError(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

/**
 * A wasm module of ours fetched on first use only (the engraving module, a decoder, the proof
 * module): returns a function that loads it once per page and gives its exports. A failed
 * load rejects with `code` ("WHAT could not be loaded") and is tried again on the next call.
 */
export function lazyModule(url, code, what) {
  let loading = null;
  return () => {
    loading ??= import(url.href).then(async (module) => {
      await module.default();
      return module;
    }).catch((error) => {
      loading = null;
      throw codedError(code, `${what} could not be loaded (${error.message})`);
    });
    return loading;
  };
}

/** `text` as a URL against the page's base, or null (URL.parse, for browsers before it). */
export function parseUrl(text) {
  try {
    return new URL(text, document.baseURI);
  } catch {
    return null;
  }
}

/**
 * Where models and photos may come from. `allowed-sources` lists URL prefixes (absolute, or
 * relative to the page: "https://cdn.shop.example/models/ models/"); without it, the page's own
 * origin. Only http(s) URLs under a listed prefix, and `blob:` URLs this page's origin made,
 * are fetched: a design, a share link or a framing page may name any URL, and the element
 * fetches with the page's own authority.
 */
export function sourcePolicy(attribute) {
  const prefixes = (attribute ?? location.origin).split(/\s+/).filter(Boolean).map((text) => {
    const url = parseUrl(text);
    if (!url || !/^https?:$/.test(url.protocol)) return null;
    return { origin: url.origin, path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/` };
  }).filter(Boolean);
  return {
    allows(url) {
      if (url.protocol === 'blob:') return url.origin === location.origin;
      if (!/^https?:$/.test(url.protocol)) return false;
      return prefixes.some(({ origin, path }) => url.origin === origin && url.pathname.startsWith(path));
    },
  };
}

/**
 * Downloads a file, streamed: `onProgress(fraction)` follows it when the server sends its
 * length, and a file over `limit` bytes is refused (`tooLarge`) from its Content-Length, or as
 * soon as the stream passes the limit, never read whole. Cross-origin files need CORS.
 */
export async function fetchBytes(url, { what, onProgress = null, credentials = 'same-origin', limit = Infinity,
  failed = 'model-fetch-failed', tooLarge = (bytes) => codedError('model-too-complex',
    `the model is too complex to show: the ${what} is over ${limit} bytes${bytes ? ` (${bytes})` : ''}`) }) {
  let response;
  try {
    response = await fetch(url, { mode: 'cors', credentials });
  } catch (error) {
    throw codedError(failed, `could not download the ${what} (${url.pathname}): ${error.message}`);
  }
  if (!response.ok) {
    throw codedError(failed, `could not download the ${what} (${url.pathname}): HTTP ${response.status}`);
  }
  const total = Number(response.headers.get('content-length'));
  if (total > limit) {
    response.body?.cancel();
    throw tooLarge(total);
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (received > limit) {
      reader.cancel();
      throw tooLarge(0);
    }
    chunks.push(value);
    if (onProgress && total > 0) onProgress(Math.min(1, received / total)); // a compressed transfer may count differently
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** The font for symbols (♥ ★), Hebrew and Arabic, fetched only when a text needs it. */
export const FALLBACK_FONT = 'symbols';

/** Euro-area countries (ECB, 2026): a page there gets the 1-euro coin for scale. */
const EURO_AREA = new Set(['AT', 'BE', 'BG', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU',
  'LV', 'MT', 'NL', 'PT', 'SI', 'SK']);

/**
 * The coin a `size-reference` value names: `coin` is the page's own (its locale's region: a
 * pound in the UK, a euro in the euro area, a quarter elsewhere); any other value as written.
 */
export function resolveSizeReference(value, locale = document.documentElement.lang || navigator.language) {
  if ((value ?? '').trim().toLowerCase() !== 'coin') return value ?? '';
  let region = '';
  try {
    region = new Intl.Locale(locale).maximize().region ?? '';
  } catch { /* an unreadable locale: the quarter */ }
  if (region === 'GB') return 'uk-pound';
  return EURO_AREA.has(region) ? 'euro' : 'us-quarter';
}
