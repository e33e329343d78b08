// The iframe embed as deployed: its parents come from its own configuration (a meta tag and
// a frame-ancestors header), never from the URL a framing page writes; what it tells a parent
// carries no fetched bytes, statuses or the shopper's file name; a damaged link is reported;
// and it runs under its strict Content-Security-Policy, which a negative control proves is
// in force. Also: the element on a host page with a strict CSP header works with
// 'wasm-unsafe-eval' and fails with a clear code without it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { analyze, launch, startServer, waitForEvent } from './harness.mjs';

const EMBED = await readFile(new URL('../../www/embed.html', import.meta.url), 'utf8');
const DESIGN = { version: 1, model: 'models/disc-pendant.glb', finish: { metal: 'rose-gold' },
  engraving: { front: { text: 'Ivy' } }, view: { autoRotate: false } };
const fragment = (design) => `design=${Buffer.from(JSON.stringify(design)).toString('base64url')}`;

const fixtures = {}; // filled once every origin (port) is known
const hostPages = {};
const strangerPages = {};
let viewerHost; // serves www/ with embed.html configured for `host`
let host; // the shop that frames it
let stranger; // a site that frames it too
before(async () => {
  viewerHost = await startServer(fixtures);
  host = await startServer(hostPages);
  stranger = await startServer(strangerPages);
  // The framing page writes ?origins= naming an attacker: ignored, it is not configuration.
  for (const backend of ['webgpu', 'webgl2']) {
    hostPages[`/parent-${backend}.html`] = parent(`${viewerHost.origin}/embed.html?backend=${backend}&origins=https://attacker.example#${fragment(DESIGN)}`);
  }
  hostPages['/damaged.html'] = parent(`${viewerHost.origin}/embed.html?backend=webgl2#design=eyJ2ZXJzaW9u`);
  strangerPages['/parent.html'] = parent(`${viewerHost.origin}/embed.html?backend=webgl2&origins=${encodeURIComponent('https://attacker.example')}#${fragment(DESIGN)}`);
  // Deployment configuration: the shop may drive the frame, and only it may frame it.
  const configured = EMBED.replace('<meta name="pendant-viewer-origins" content="">',
    `<meta name="pendant-viewer-origins" content="${host.origin}">`);
  assert.notEqual(configured, EMBED, 'embed.html has the origins meta tag');
  fixtures['/embed.html'] = (request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': `frame-ancestors ${host.origin}` });
    response.end(configured);
  };
});
after(() => { viewerHost.close(); host.close(); stranger.close(); });

/** A parent page framing `src`, recording every message it receives. */
function parent(src) {
  return Buffer.from(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>
    <iframe id="frame" width="420" height="420" style="border:0" src="${src}"></iframe>
    <script>
      window.__messages = [];
      addEventListener('message', (event) => window.__messages.push({ origin: event.origin, data: event.data }));
      window.ask = (message) => document.getElementById('frame').contentWindow.postMessage(message, '*');
    </script>`);
}

/** Records CSP violations in every frame from the start. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective));
  });
}

for (const webgpu of [true, false]) {
  const backend = webgpu ? 'webgpu' : 'webgl2';
  test(`the embed obeys only its configured parent, tells it nothing it fetched, and runs under its CSP (${backend})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    await recordViolations(page);
    try {
      await page.goto(`${host.origin}/parent-${backend}.html`);
      await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'pendant-viewer:load'), null, { timeout: 60_000 });
      const load = await page.evaluate(() => window.__messages.find((m) => m.data.type === 'pendant-viewer:load'));
      assert.equal(load.origin, viewerHost.origin);
      const ask = async (message) => {
        await page.evaluate((m) => window.ask(m), message);
        await page.waitForFunction((id) => window.__messages.some((m) => m.data?.id === id), message.id);
        return page.evaluate((id) => window.__messages.find((m) => m.data?.id === id).data, message.id);
      };
      const config = await ask({ type: 'pendant-viewer:get-config', id: 1 });
      assert.equal(config.result.engraving.front.text, 'Ivy');

      // A model that is not glTF (an HTML page of the viewer's own origin): the parent learns
      // the code, not the first bytes or the length the viewer read.
      await ask({ type: 'pendant-viewer:set-config', id: 2, config: { version: 1, model: 'index.html' } });
      await page.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'pendant-viewer:error'));
      const error = await page.evaluate(() => window.__messages.find((m) => m.data?.type === 'pendant-viewer:error').data.detail);
      assert.equal(error.code, 'model-not-gltf');
      assert.equal(error.message, 'the viewer could not do this');
      assert.deepEqual(Object.keys(error).sort(), ['code', 'message']);
      // Another origin's model: refused before any request, with a fixed sentence.
      const elsewhere = await ask({ type: 'pendant-viewer:set-config', id: 3, config: { version: 1, model: `${stranger.origin}/x.glb` } });
      assert.deepEqual(elsewhere.error, { code: 'source-not-allowed', message: 'the model or photo is not from an allowed source' });
      const refused = await ask({ type: 'pendant-viewer:set-config', id: 4, config: { version: 1, colour: 'red' } });
      assert.deepEqual(refused.error, { code: 'design-invalid', message: 'the design was refused' });
      const back = await ask({ type: 'pendant-viewer:set-config', id: 5, config: DESIGN });
      assert.equal(back.ok, true);
      await page.waitForFunction(() => window.__messages.filter((m) => m.data?.type === 'pendant-viewer:load').length >= 2, null, { timeout: 30_000 });
      const still = await ask({ type: 'pendant-viewer:to-blob', id: 6, options: { width: 64, height: 64 } });
      assert.equal(still.ok, true, JSON.stringify(still.error));

      // The frame runs under its policy: exactly as written, and in force (an injected inline
      // script does not run, and is the only violation of the whole visit).
      const frame = page.frames().find((f) => f.url().startsWith(`${viewerHost.origin}/embed.html`));
      const policy = await frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
      assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
      assert.match(policy, /connect-src 'self';/);
      assert.doesNotMatch(policy, /https:|data:|unsafe-inline|'unsafe-eval'/);
      const control = await frame.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return { ran: window.__inlineRan ?? false, violations: window.__violations };
      });
      assert.deepEqual(control, { ran: false, violations: ['script-src-elem'] });
      assert.ok(analyze(await page.frameLocator('#frame').locator('pendant-viewer').screenshot().then(decode)).coverage > 0.05);
      // Expected: the negative control's inline script.
      assert.deepEqual(consoleErrors.filter((e) => !/Executing inline script violates/.test(e)), []);
    } finally {
      await browser.close();
    }
  });
}

test('a damaged embed link is reported, and a site not configured cannot frame the embed', async () => {
  const { browser, consoleErrors } = await launch({ webgpu: false });
  try {
    // A damaged link is reported to the parent, not left as a blank frame.
    const damaged = await browser.newPage();
    await damaged.goto(`${host.origin}/damaged.html`);
    await damaged.waitForFunction(() => window.__messages.some((m) => m.data?.type === 'pendant-viewer:error'), null, { timeout: 60_000 });
    const report = await damaged.evaluate(() => window.__messages.find((m) => m.data?.type === 'pendant-viewer:error').data.detail);
    assert.deepEqual(report, { code: 'design-not-json', message: 'the design was refused' });

    // A site not configured: the frame-ancestors header keeps the embed out of its page.
    const other = await browser.newPage();
    await other.goto(`${stranger.origin}/parent.html`);
    await other.waitForTimeout(3000);
    const framed = other.frames().filter((f) => f !== other.mainFrame());
    const shown = await Promise.all(framed.map((f) => f.evaluate(() => Boolean(document.querySelector('pendant-viewer'))).catch(() => false)));
    assert.deepEqual(shown, [false], 'the embed does not render inside a stranger\'s page');
    await other.evaluate(() => window.ask({ type: 'pendant-viewer:get-config', id: 9 }));
    await other.waitForTimeout(1000);
    assert.deepEqual(await other.evaluate(() => window.__messages.map((m) => m.data?.type)), []);
    // Expected: the stranger's framing refused.
    const unexpected = consoleErrors.filter((e) => !/frame-ancestors|Failed to load resource/.test(e));
    assert.deepEqual(unexpected, []);
  } finally {
    await browser.close();
  }
});

/** A host page with the element, served under `policy` as a header. */
function strictPage(policy) {
  return (request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': policy });
    response.end(`<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="embed.css">
      <script type="module" src="pendant-viewer.js"></script>
      <pendant-viewer backend="webgl2" src="models/disc-pendant.glb" alt="Disc"></pendant-viewer>`);
  };
}

test('on a host page with a strict CSP header the element needs only wasm-unsafe-eval, and says so without it', async () => {
  const strict = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";
  const withoutWasm = strict.replace(" 'wasm-unsafe-eval'", '');
  fixtures['/strict.html'] = strictPage(strict);
  fixtures['/no-wasm.html'] = strictPage(withoutWasm);
  const { browser, page } = await launch({ webgpu: false });
  await recordViolations(page);
  try {
    await page.goto(`${viewerHost.origin}/strict.html`);
    await waitForEvent(page, 'load');
    await page.waitForTimeout(300);
    assert.ok(analyze(await page.locator('pendant-viewer').screenshot().then(decode)).coverage > 0.05, 'the pendant shows');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);

    await page.goto(`${viewerHost.origin}/no-wasm.html`);
    const error = await waitForEvent(page, 'error');
    assert.equal(error.code, 'wasm-blocked', error.message);
    assert.match(error.message, /wasm-unsafe-eval/);
    assert.ok((await page.evaluate(() => window.__violations)).includes('script-src'), 'the control: the policy refused the wasm');
  } finally {
    await browser.close();
  }
});

function decode(bytes) {
  return import('pngjs').then(({ PNG }) => {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { width: png.width, height: png.height, data: png.data };
  });
}
