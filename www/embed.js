// embed.html: one viewer filling an iframe, for sites that cannot add a script.
//
//   <iframe src="https://viewer.example/embed.html?origins=https://shop.example#design=…"></iframe>
//
// The design comes from the fragment (what the demo page's snippet generator writes; `?src=`
// shows a bare model). A page whose origin is listed in `origins` (comma-separated) may talk
// to the viewer with postMessage; messages from any other origin are ignored, and events go
// only to the listed origins. Requests: {type: 'pendant-viewer:set-config', id, config},
// 'pendant-viewer:get-config', 'pendant-viewer:to-blob' (with `options` as toBlob's) and
// 'pendant-viewer:reset-camera'; each gets {type: 'pendant-viewer:reply', id, ok, result |
// error: {code, message}}. Events: {type: 'pendant-viewer:load' | ':change' | ':error' |
// ':camera-change', detail}.

import './pendant-viewer.js';

const viewer = document.querySelector('pendant-viewer');
const params = new URLSearchParams(location.search);
const allowed = new Set((params.get('origins') ?? '').split(',').map((text) => {
  try {
    return new URL(text.trim()).origin;
  } catch {
    return null; // not a URL: never matches
  }
}).filter((origin) => origin && origin !== 'null'));

if (params.has('backend')) viewer.setAttribute('backend', params.get('backend'));
const fragment = location.hash.startsWith('#design=') ? location.hash : null;
if (!fragment) viewer.setAttribute('src', params.get('src') ?? 'models/disc-pendant.glb');
viewer.addEventListener('backend', () => {
  if (!fragment) return;
  viewer.setConfig(viewer.configFromFragment(fragment)).catch((error) => {
    viewer.dispatchEvent(new CustomEvent('error', { detail: { code: error.code ?? 'unknown', message: error.message, src: '' } }));
  });
}, { once: true });

const REQUESTS = {
  'pendant-viewer:set-config': (data) => viewer.setConfig(data.config),
  'pendant-viewer:get-config': () => viewer.getConfig(),
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
    reply({ ok: false, error: { code: error?.code ?? 'unknown', message: String(error?.message ?? error) } });
  }
});

if (window.parent !== window) {
  for (const type of ['load', 'change', 'error', 'camera-change']) {
    viewer.addEventListener(type, (event) => {
      for (const origin of allowed) window.parent.postMessage({ type: `pendant-viewer:${type}`, detail: event.detail }, origin);
    });
  }
}
