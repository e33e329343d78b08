// The proof (makeProof): made in the page by the proof module, fetched only then; nothing
// leaves the page (no request carries the photo or the PDF); the stills in it show the
// pendant (printed back with pdftoppm and looked at); a refused value is design-invalid.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PDFiumLibrary } from '@hyzyla/pdfium';
import { launch, startServer, waitForEvent } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server.close());

const DESIGN = {
  version: 1,
  model: 'models/photo-round.glb',
  finish: { metal: 'sterling-silver', surface: 'polished' },
  photos: [{ src: 'photos/cat.jpg' }],
  engraving: { back: { text: 'Milo', font: 'serif' } },
  chain: { style: 'cable', lengthIn: 18 },
};

/** The PDF printed at 30 dpi by pdftoppm (poppler-utils): RGBA, and anything it warned. */
function print(bytes) {
  const folder = mkdtempSync(join(tmpdir(), 'proof-'));
  writeFileSync(join(folder, 'proof.pdf'), Buffer.from(bytes));
  execFileSync('pdftoppm', ['-r', '30', '-png', '-singlefile', join(folder, 'proof.pdf'), join(folder, 'page')], { stdio: ['ignore', 'ignore', 'pipe'] });
  return PNG.sync.read(readFileSync(join(folder, 'page.png')));
}

/** The PDF's shown strings (literal or hex, WinAnsi), one line each. */
function shownText(latin1) {
  const strings = [];
  for (const [, literal, hex] of latin1.matchAll(/(?:\((.*)\)|<([0-9A-Fa-f]*)>) Tj/g)) {
    strings.push(literal !== undefined ? literal.replace(/\\([()\\])/g, '$1') : Buffer.from(hex, 'hex').toString('latin1'));
  }
  return strings.join('\n');
}

/**
 * The PDF opened by PDFium, Chromium's own PDF engine (npm @hyzyla/pdfium: headless Chromium
 * downloads a PDF instead of showing it): its page count, text, and pixels at 72 dpi (RGBA).
 */
async function openInPdfium(bytes) {
  const library = await PDFiumLibrary.init();
  try {
    const document = await library.loadDocument(new Uint8Array(bytes));
    const page = document.getPage(0);
    const text = page.getText(); // before render, which leaves the page closed
    const image = await page.render({ scale: 1, render: 'bitmap' });
    const opened = { pages: document.getPageCount(), text, image };
    document.destroy();
    return opened;
  } finally {
    library.destroy();
  }
}

/** How many pixels in the box (mm from the top left, at `dpi`) are not paper white. */
function inked(png, [x0, y0, x1, y1], dpi = 30) {
  const px = (mm) => Math.round((mm / 25.4) * dpi);
  let count = 0;
  for (let y = px(y0); y < px(y1); y++) {
    for (let x = px(x0); x < px(x1); x++) {
      const i = (y * png.width + x) * 4;
      if (Math.min(png.data[i], png.data[i + 1], png.data[i + 2]) < 200) count++;
    }
  }
  return count / ((px(x1) - px(x0)) * (px(y1) - px(y0)));
}

for (const webgpu of [true, false]) {
  const backendName = webgpu ? 'WebGPU' : 'WebGL2';
  test(`makeProof makes the PDF in the page, once per call, nothing sent (${backendName})`, async () => {
    const { browser, page, consoleErrors } = await launch({ webgpu });
    try {
      const requests = [];
      // Blob URLs (the stills, the PDF) stay in the page; everything else is the network.
      page.on('request', (request) => {
        if (!request.url().startsWith('blob:')) requests.push({ url: request.url(), method: request.method(), body: request.postData() });
      });
      await page.goto(`${server.origin}/?backend=${webgpu ? 'webgpu' : 'webgl2'}`);
      await waitForEvent(page, 'load');
      await page.evaluate(async (design) => {
        const viewer = document.querySelector('pendant-viewer');
        window.__proofs = 0;
        viewer.addEventListener('proof', (event) => { window.__proofs++; window.__proofMs = event.detail.milliseconds; });
        await viewer.setConfig(design);
      }, DESIGN);
      await waitForEvent(page, 'photo');
      // The shop's analytics hear of the photo: its size, never the photo or its name.
      const added = (await page.evaluate(() => window.__viewerEvents)).filter((e) => e.type === 'interaction' && e.detail.action === 'photo');
      assert.equal(added.length, 1);
      assert.deepEqual(Object.keys(added[0].detail).sort(), ['action', 'area', 'first', 'height', 'sinceLoadMs', 'width']);
      assert.ok(!requests.some((r) => r.url.includes('/pkg/proof/')), 'the proof module is not fetched before a proof is asked for');
      const before = requests.length;

      const proof = await page.evaluate(async () => {
        const blob = await document.querySelector('pendant-viewer').makeProof({ link: 'https://shop.example/p/round#design=x' });
        return { type: blob.type, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
      });
      const during = requests.slice(before);
      assert.ok(during.length > 0 && during.every((r) => r.url.includes('/pkg/proof/')), JSON.stringify(during.map((r) => r.url)));
      assert.ok(during.every((r) => r.method === 'GET' && !r.body), 'no request carries a body (the photo, the PDF)');
      assert.equal(proof.type, 'application/pdf');
      const text = Buffer.from(proof.bytes).toString('latin1');
      assert.ok(text.startsWith('%PDF-'), text.slice(0, 20));
      const shown = shownText(text);
      for (const words of ['Proof: Photo round', 'sterling silver 925, polished', 'Back engraving: \x93Milo\x94', 'Photo 1', 'cat.jpg']) {
        assert.ok(shown.includes(words), `${JSON.stringify(words)} is in the PDF's text:\n${shown}`);
      }
      assert.equal((text.match(/\/DCTDecode/g) ?? []).length, 2, 'front and back stills');

      // Chromium's PDF engine opens it: one page, the text, the outline in its colour.
      const pdfium = await openInPdfium(proof.bytes);
      assert.equal(pdfium.pages, 1);
      assert.match(pdfium.text, /Proof: Photo round[\s\S]*Back engraving: “Milo”/);
      let outline = 0;
      for (let i = 0; i < pdfium.image.data.length; i += 4) {
        const [r, g, b] = pdfium.image.data.subarray(i, i + 3);
        if (Math.abs(r - 204) <= 3 && Math.abs(g - 171) <= 3 && Math.abs(b - 89) <= 3) outline++;
      }
      assert.ok(outline > 1000, `PDFium draws the outline (${outline} px)`);

      // Kept for looking at (target/proofs/, beside the native ones).
      mkdirSync(new URL('../../target/proofs/', import.meta.url), { recursive: true });
      writeFileSync(new URL(`../../target/proofs/browser-${backendName}.pdf`, import.meta.url), Buffer.from(proof.bytes));

      // Printed: the stills show the pendant (front: the photo), the outline is there.
      const png = print(proof.bytes);
      const front = inked(png, [15, 31, 73, 89]);
      const back = inked(png, [78, 31, 136, 89]);
      const beyond = inked(png, [141, 31, 195, 89]);
      assert.ok(front > 0.1 && back > 0.1, `front ${front}, back ${back}`);
      assert.equal(beyond, 0, 'no third picture for a pendant that does not open');

      console.log(`${backendName}: first proof ${Math.round(await page.evaluate(() => window.__proofMs))} ms (module fetch included), ${proof.bytes.length} bytes`);

      // The same page as a PNG for email (150 dpi): the stills, and the outline at true size.
      const picture = await page.evaluate(async () => {
        const blob = await document.querySelector('pendant-viewer').makeProof({ type: 'image/png' });
        return { type: blob.type, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
      });
      assert.equal(picture.type, 'image/png');
      writeFileSync(new URL(`../../target/proofs/browser-${backendName}.png`, import.meta.url), Buffer.from(picture.bytes));
      const email = PNG.sync.read(Buffer.from(picture.bytes));
      assert.deepEqual([email.width, email.height], [1240, 1754]);
      assert.ok(inked(email, [15, 31, 73, 89], 150) > 0.1, 'the front still is on the picture');
      const outlineColumns = [];
      for (let i = 0; i < email.width * email.height; i++) {
        const [r, g, b] = [email.data[4 * i], email.data[4 * i + 1], email.data[4 * i + 2]];
        if (Math.abs(r - 204) <= 3 && Math.abs(g - 171) <= 3 && Math.abs(b - 89) <= 3) outlineColumns.push(i % email.width);
      }
      const outlineMm = ((Math.max(...outlineColumns) - Math.min(...outlineColumns) + 1) * 25.4) / 150;
      assert.ok(Math.abs(outlineMm - 25.0) <= 0.35, `the outline is ${outlineMm} mm wide on the picture, the pendant 25.0`);

      // A second proof: the module is not fetched again; one event per proof.
      const fetched = requests.length;
      await page.evaluate(() => document.querySelector('pendant-viewer').makeProof());
      assert.equal(requests.length, fetched, 'the module is fetched once');
      assert.equal(await page.evaluate(() => window.__proofs), 3);
      console.log(`${backendName}: second proof ${Math.round(await page.evaluate(() => window.__proofMs))} ms`);

      // A locket: front and back closed, and its inside open.
      await page.evaluate(() => document.querySelector('pendant-viewer').setConfig({ version: 1, model: 'models/locket-heart.glb', view: { open: false } }));
      await waitForEvent(page, 'load', { count: 2 });
      const locket = await page.evaluate(async () => {
        const blob = await document.querySelector('pendant-viewer').makeProof();
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      });
      const locketText = Buffer.from(locket).toString('latin1');
      assert.equal((locketText.match(/\/DCTDecode/g) ?? []).length, 3, 'front, back and inside');
      assert.ok(shownText(locketText).includes('Inside'));
      const locketPage = print(locket);
      const inside = inked(locketPage, [141, 31, 195, 89]);
      assert.ok(inside > 0.1, `the inside shows (${inside})`);
      assert.equal(await page.evaluate(() => document.querySelector('pendant-viewer').open), false, 'the view stays closed');

      // A refused value: design-invalid naming the attribute, no proof.
      const refused = await page.evaluate(async () => {
        const viewer = document.querySelector('pendant-viewer');
        viewer.setAttribute('finish', 'unobtainium');
        try { await viewer.makeProof(); return null; } catch (error) { return { code: error.code, message: error.message }; }
      });
      assert.equal(refused?.code, 'design-invalid');
      assert.match(refused.message, /finish/);
      assert.equal(await page.evaluate(() => window.__proofs), 4);
      assert.deepEqual(consoleErrors.filter((e) => !/unobtainium|finish/.test(e)), []);
    } finally {
      await browser.close();
    }
  });
}
