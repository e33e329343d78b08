// embed.html: one viewer filling an iframe, for sites that cannot add a script.
//
//   <iframe src="https://viewer.example/embed.html#design=…"></iframe>
//
// The design comes from the fragment (what the demo page's snippet generator writes; `?src=`
// shows a bare model, from the viewer's own origin). Which pages may talk to the viewer with
// postMessage is deployment configuration, never the URL a framing page writes:
// <meta name="pendant-viewer-origins" content="https://shop.example https://blog.example"> in
// embed.html (empty: no page may). Serve embed.html with the header
// `Content-Security-Policy: frame-ancestors <the same origins>` so no other site can frame it
// (docs/embedding.md). Requests: {type: 'pendant-viewer:set-config', id, config},
// 'pendant-viewer:get-config', 'pendant-viewer:to-blob' (with `options` as toBlob's) and
// 'pendant-viewer:reset-camera'; each gets {type: 'pendant-viewer:reply', id, ok, result |
// error: {code, message}}. Events: {type: 'pendant-viewer:load' | ':change' | ':error' |
// ':camera-change', detail}. Errors carry a code and a fixed sentence: nothing the viewer
// fetched (statuses, sizes, bytes) reaches the parent. The shopper's own photo (drop, paste)
// is off unless embed.html says <meta name="pendant-viewer-photos" content="allow"> (and with
// it, stills of it reach the parent); design events and replies never carry file names.

import './pendant-viewer.js';

const viewer = document.querySelector('pendant-viewer');
const params = new URLSearchParams(location.search);
const setting = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
const allowed = new Set(setting('pendant-viewer-origins').split(/\s+/).filter(Boolean).map((text) => {
  try {
    return new URL(text).origin;
  } catch {
    return null; // not a URL: never matches
  }
}).filter((origin) => origin && origin !== 'null'));

/** What a parent learns of an error: its code and a sentence of ours. */
const FIXED_MESSAGES = {
  'design-invalid': 'the design was refused',
  'design-not-json': 'the design was refused',
  'design-version-unsupported': 'the design was refused',
  'design-link-damaged': 'the design link is damaged',
  'source-not-allowed': 'the model or photo is not from an allowed source',
  'model-too-complex': 'the model is too complex to show',
  'still-size-invalid': 'a still of that size cannot be drawn here',
};
const safeError = (error) => {
  const code = typeof error?.code === 'string' ? error.code : 'unknown';
  return { code, message: FIXED_MESSAGES[code] ?? 'the viewer could not do this' };
};

/** A design as the parent sees it: the shopper's file names left out. */
const withoutFileNames = (config) => ({
  ...config,
  ...(config?.photos ? { photos: config.photos.map((photo) => photo && (({ file, ...rest }) => rest)(photo)) } : {}),
});

const photosAllowed = setting('pendant-viewer-photos') === 'allow';
if (!photosAllowed) {
  // Caught before the element sees them: no shopper's photo enters this frame.
  for (const type of ['drop', 'paste']) {
    window.addEventListener(type, (event) => {
      event.stopPropagation();
      event.preventDefault();
    }, true);
  }
}

if (params.has('backend')) viewer.setAttribute('backend', params.get('backend'));
const fragment = location.hash.startsWith('#design=') ? location.hash : null;
if (!fragment) viewer.setAttribute('src', params.get('src') ?? 'models/disc-pendant.glb');
viewer.addEventListener('backend', () => {
  if (!fragment) return;
  // configFromFragment throws at once on a damaged link: inside the chain, so it is reported.
  Promise.resolve().then(() => viewer.setConfig(viewer.configFromFragment(fragment))).catch((error) => {
    viewer.dispatchEvent(new CustomEvent('error', { detail: { code: error.code ?? 'unknown', message: error.message, src: '' }, bubbles: true }));
  });
}, { once: true });

const REQUESTS = {
  'pendant-viewer:set-config': async (data) => withoutFileNames(await viewer.setConfig(data.config)),
  'pendant-viewer:get-config': () => withoutFileNames(viewer.getConfig()),
  'pendant-viewer:to-blob': (data) => viewer.toBlob(data.options ?? {}),
  'pendant-viewer:reset-camera': () => viewer.resetCamera() ?? null,
};

window.addEventListener('message', async (event) => {
  if (!allowed.has(event.origin) || event.source !== window.parent) return; // not ours to obey
  const { type, id } = event.data ?? {};
  const handle = Object.hasOwn(REQUESTS, type) ? REQUESTS[type] : null;
  if (!handle) return;
  const reply = (body) => event.source.postMessage({ type: 'pendant-viewer:reply', id, ...body }, event.origin);
  try {
    reply({ ok: true, result: await handle(event.data) });
  } catch (error) {
    reply({ ok: false, error: safeError(error) });
  }
});

if (window.parent !== window) {
  const details = {
    load: ({ backend }) => ({ backend }),
    change: ({ config }) => ({ config: withoutFileNames(config) }),
    error: safeError,
    'camera-change': ({ orbit, source }) => ({ orbit, source }),
  };
  for (const [type, detailFor] of Object.entries(details)) {
    viewer.addEventListener(type, (event) => {
      const detail = detailFor(event.detail ?? {});
      for (const origin of allowed) window.parent.postMessage({ type: `pendant-viewer:${type}`, detail }, origin);
    });
  }
}
