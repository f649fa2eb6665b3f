// Browser tests of the newsroom in real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is downloaded).
// Starts `warta serve` on a free port with a fresh data directory, makes an
// admin with `warta user add`, then: logs in, writes an article, previews
// it, publishes it and reads it on the public site; and checks that an
// unsaved edit survives a reload (localStorage) and reaches the server
// (autosave). Usage: node run.mjs [path/to/warta]
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(new URL(import.meta.url).pathname);
const binary = process.argv[2] || process.env.WARTA_BINARY ||
  path.join(here, '..', '..', 'build', 'warta');
const EMAIL = 'redaksi@kabarin.id';
const PASSWORD = 'kata-sandi-uji-1';
const shots = process.env.WARTA_SCREENSHOTS || '';

let dir, server, base, context;

function startServer(data) {
  return new Promise((resolve, reject) => {
    const p = spawn(binary, ['serve', '--data', data, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WARTA_ADMIN_AUTOSAVE_SECONDS: '2' } });
    let out = '';
    const timer = setTimeout(() => reject(new Error('warta serve did not start: ' + out)), 15000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve({ proc: p, url: m[1] }); }
    });
    p.stderr.on('data', () => {});
    p.on('exit', (code) => reject(new Error('warta serve exited ' + code + ': ' + out)));
  });
}

async function login(page) {
  await page.goto(base + '/admin/articles');
  await page.waitForURL(/\/admin\/login/);
  await page.getByLabel(/Surel|E-mail/).fill(EMAIL);
  await page.getByLabel(/Kata sandi|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /Masuk|Log in/ }).click();
  await page.waitForURL(/\/admin\/articles$/);
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'warta-browser-'));
  const data = path.join(dir, 'data');
  const add = spawnSync(binary, ['user', 'add', '--data', data, '--email', EMAIL,
    '--name', 'Rina Wulandari', '--role', 'admin', '--password-stdin'],
  { input: PASSWORD + '\n', encoding: 'utf8' });
  assert.equal(add.status, 0, add.stderr);
  ({ proc: server, url: base } = await startServer(data));
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15000);
});

after(async () => {
  if (context) await context.close();
  if (server) {
    server.removeAllListeners('exit');
    // Wait for it: on the way out it writes its search index into `dir`.
    const exited = server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('log in, write, preview, publish and read it on the public site', async () => {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await login(page);
  await page.getByRole('link', { name: /Tulis artikel|Write an article/ }).click();
  await page.waitForURL(/\/admin\/articles\/new$/);
  const title = 'Pompa Air Baru Siaga di Kampung Melayu';
  await page.getByLabel(/^Judul$|^Title$/).fill(title);
  await page.locator('#body').fill('Dinas Sumber Daya Air memasang **tiga pompa** baru.\n\nWarga menyambut baik.');
  await page.getByLabel(/Kota dateline|Dateline city/).fill('Jakarta');
  await page.getByLabel(/^Rubrik$|^Section$/).fill('Metropolitan');
  await page.getByLabel(/^Tag$|^Tags$/).fill('Banjir, Jakarta');
  // The live preview is the real theme's article page.
  const preview = page.frameLocator('iframe[data-preview]');
  await assert.doesNotReject(preview.locator('h1', { hasText: title }).waitFor());
  const strong = await preview.locator('.article-body strong').textContent();
  assert.equal(strong, 'tiga pompa');
  const dateline = await preview.locator('.article-body .dateline').textContent();
  assert.match(dateline, /^Jakarta \(/);
  if (shots) await page.screenshot({ path: path.join(shots, 'editor.png'), fullPage: true });

  await page.getByRole('button', { name: /Terbitkan sekarang|Publish now/ }).click();
  await page.waitForURL(/\/admin\/articles\/\d+$/);
  const link = page.locator('[data-public-link]');
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/berita\/pompa-air-baru-siaga-di-kampung-melayu$/);

  const reader = await context.newPage();
  const res = await reader.goto(base + href);
  assert.equal(res.status(), 200);
  assert.equal(await reader.locator('h1').textContent(), title);
  assert.match(await reader.locator('.article-body').textContent(), /tiga pompa baru/);
  await reader.goto(base + '/');
  assert.ok(await reader.getByRole('link', { name: title }).count() >= 1, 'on the home page');
  await reader.close();
  await page.close();
});

test('an unsaved edit survives a reload and reaches the server by autosave', async () => {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(base + '/admin/articles/new');
  const title = 'Draf yang Tidak Boleh Hilang';
  await page.getByLabel(/^Judul$|^Title$/).fill(title);
  await page.locator('#body').fill('Kalimat pertama yang belum disimpan ke server.');
  // Reload at once, before any autosave: the browser kept every keystroke.
  await page.reload();
  await page.waitForURL(/\/admin\/articles\/new$/);
  assert.equal(await page.getByLabel(/^Judul$|^Title$/).inputValue(), title);
  assert.equal(await page.locator('#body').inputValue(), 'Kalimat pertama yang belum disimpan ke server.');
  assert.equal(await page.locator('[data-restored]').isVisible(), true);
  // The autosave creates the draft on the server and moves the URL to it.
  await page.waitForURL(/\/admin\/articles\/\d+$/, { timeout: 20000 });
  const id = page.url().match(/(\d+)$/)[1];
  await page.locator('#body').fill('Kalimat pertama, lalu diubah lagi sebelum muat ulang.');
  await page.reload();
  assert.equal(await page.locator('#body').inputValue(), 'Kalimat pertama, lalu diubah lagi sebelum muat ulang.');
  // Wait for the server to have it, then read it as the API does.
  let body = '';
  for (let i = 0; i < 60 && !body.includes('lalu diubah lagi'); i++) {
    await page.waitForTimeout(250);
    body = await page.evaluate(async (articleId) => {
      const r = await fetch('/api/admin/articles/' + articleId);
      return (await r.json()).body;
    }, id);
  }
  assert.equal(body, 'Kalimat pertama, lalu diubah lagi sebelum muat ulang.');
  // The history keeps the autosaves.
  const revs = await page.evaluate(async (articleId) => {
    const r = await fetch('/api/admin/articles/' + articleId + '/revisions');
    return (await r.json()).revisions.map((x) => x.kind);
  }, id);
  assert.ok(revs.length >= 2, 'revisions: ' + revs.join(','));
  assert.ok(revs.every((k) => k === 'autosave'), revs.join(','));
  await page.close();
});

test('works on a phone: write and preview panes switch', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/admin/articles/new');
  assert.equal(await page.locator('#pane-write').isVisible(), true);
  assert.equal(await page.locator('#pane-preview').isVisible(), false);
  await page.getByRole('tab', { name: /Pratinjau|Preview/ }).click();
  assert.equal(await page.locator('#pane-preview').isVisible(), true);
  assert.equal(await page.locator('#pane-write').isVisible(), false);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, 'no horizontal scrolling, width ' + width);
  if (shots) await page.screenshot({ path: path.join(shots, 'phone.png'), fullPage: false });
  await page.close();
});
