// Shared pieces of the browser tests: a static server for www/ (plus in-memory fixtures),
// headless Debian Chromium through playwright-core, event recording and pixel checks.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
const MIME = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.glb': 'model/gltf-binary', '.gltf': 'model/gltf+json', '.bin': 'application/octet-stream', '.png': 'image/png',
  '.ttf': 'font/ttf', '.jpg': 'image/jpeg',
};

/** Chromium flags: WebGPU presents to a canvas here only with all three (docs/testing.md). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--use-webgpu-adapter=opengles'];
const COMMON_FLAGS = ['--disable-quic', '--enable-unsafe-swiftshader'];

/**
 * Serves www/ (or `root`) on 127.0.0.1 (random port). `fixtures` maps a path to bytes served
 * from memory, or to a function `(request, response)` that answers itself.
 */
export async function startServer(fixtures = {}, root = WWW) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (typeof fixtures[path] === 'function') {
      fixtures[path](request, response);
      return;
    }
    if (fixtures[path]) {
      response.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' });
      response.end(fixtures[path]);
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Launches headless Chromium; `webgpu` adds the flags that make a WebGPU canvas show pixels. */
export async function launch({ webgpu, args = [] }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...COMMON_FLAGS, ...(webgpu ? WEBGPU_FLAGS : []), ...args],
  });
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  // Record the element's events from the start (they bubble and are composed).
  await page.addInitScript(() => {
    window.__viewerEvents = [];
    for (const type of ['load', 'error', 'warning', 'backend', 'engraving', 'shape', 'photo', 'photo-placement', 'change', 'camera-change', 'restore', 'progress', 'interaction', 'proof']) {
      document.addEventListener(type, (event) => {
        if (event.target?.tagName === 'PENDANT-VIEWER') window.__viewerEvents.push({ type, detail: event.detail });
      }, true);
    }
  });
  return { browser, page, consoleErrors };
}

/** Waits until the element has emitted `count` events of `type`; returns the last one's detail. */
export async function waitForEvent(page, type, { count = 1, timeout = 60_000 } = {}) {
  await page.waitForFunction(
    ([t, n]) => window.__viewerEvents.filter((e) => e.type === t).length >= n,
    [type, count],
    { timeout },
  );
  return page.evaluate((t) => window.__viewerEvents.filter((e) => e.type === t).at(-1).detail, type);
}

/** Sets (a value) or removes (null) attributes on the page's element. */
export function setAttributes(page, attributes) {
  return page.evaluate((values) => {
    const viewer = document.querySelector('pendant-viewer');
    for (const [name, value] of Object.entries(values)) {
      if (value === null) viewer.removeAttribute(name); else viewer.setAttribute(name, value);
    }
  }, attributes);
}

/** Screenshot of the viewer element, decoded to RGBA. */
export async function viewerPixels(page) {
  const png = PNG.sync.read(await page.locator('pendant-viewer').screenshot());
  return { width: png.width, height: png.height, data: png.data };
}

/**
 * What a shopper would see: the fraction of the central area that is not the backdrop, and
 * the mean colour of those pixels.
 */
export function analyze({ width, height, data }) {
  // The backdrop, sampled inside the element's rounded corner.
  const inset = (12 * width + 12) * 4;
  const corner = [data[inset], data[inset + 1], data[inset + 2]];
  let model = 0;
  let total = 0;
  const sum = [0, 0, 0];
  for (let y = Math.floor(height * 0.2); y < height * 0.8; y++) {
    for (let x = Math.floor(width * 0.2); x < width * 0.8; x++) {
      const i = (y * width + x) * 4;
      total++;
      const difference = Math.max(...[0, 1, 2].map((c) => Math.abs(data[i + c] - corner[c])));
      if (difference > 24) {
        model++;
        for (const c of [0, 1, 2]) sum[c] += data[i + c];
      }
    }
  }
  return { coverage: model / total, mean: sum.map((s) => (model ? s / model : 0)), corner };
}

/** Fraction of pixels that differ by more than 24 in any channel. */
export function differingFraction(a, b) {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.max(...[0, 1, 2].map((c) => Math.abs(a.data[i + c] - b.data[i + c]))) > 24) differing++;
  }
  return differing / (a.data.length / 4);
}
