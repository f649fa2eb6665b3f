// Browser tests of the newsroom in real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is downloaded).
// Starts `warta serve` on a free port with a fresh data directory, makes an
// admin with `warta user add`, then: logs in, writes an article, previews
// it, publishes it and reads it on the public site; and checks that an
// unsaved edit survives a reload (localStorage) and reaches the server
// (autosave); then, as a reader: embeds request nothing from a third party
// until clicked, dark mode keeps WCAG AA contrast (axe-core), the 404 page
// is laid out like the others with search and the latest stories, and an
// editor's pinned lead leads the home page; publishing, unpublishing and
// restoring a revision ask for confirmation first. Usage: node run.mjs
// [path/to/warta]
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const binary = process.argv[2] || process.env.WARTA_BINARY ||
  path.join(here, '..', '..', 'build', 'warta');
const EMAIL = 'redaksi@kabarin.id';
const PASSWORD = 'kata-sandi-uji-1';
const shots = process.env.WARTA_SCREENSHOTS || '';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let dir, server, base, context;

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
  ({ proc: server, url: base } = await startServer(binary, data, { WARTA_ADMIN_AUTOSAVE_SECONDS: '2' }));
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

  // Going live asks first; dismissed, nothing is published.
  const asked = [];
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => {
    if (d.type() === 'beforeunload') return d.accept();
    asked.push(d.message());
    return asked.length === 1 ? d.dismiss() : d.accept();
  });
  await page.getByRole('button', { name: /Terbitkan sekarang|Publish now/ }).click();
  await page.waitForTimeout(300);
  assert.match(asked[0] || '', /Terbitkan sekarang\?|Publish now\?/);
  assert.equal(await page.locator('[data-public-link]').count(), 0);
  await page.getByRole('button', { name: /Terbitkan sekarang|Publish now/ }).click();
  await page.waitForURL(/\/admin\/articles\/\d+$/);
  const link = page.locator('[data-public-link]');
  await link.waitFor();
  const href = await link.getAttribute('href');
  // The version in the query: the browser never shows its older copy.
  assert.match(href, /^\/berita\/pompa-air-baru-siaga-di-kampung-melayu\?v=\d+$/);

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

// A page of the newsroom, logged in.
async function adminPage() {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(base + '/admin/articles');
  if (/\/admin\/login/.test(page.url())) {
    await page.getByLabel(/Surel|E-mail/).fill(EMAIL);
    await page.getByLabel(/Kata sandi|Password/).fill(PASSWORD);
    await page.getByRole('button', { name: /Masuk|Log in/ }).click();
    await page.waitForURL(/\/admin\/articles$/);
  }
  return page;
}

// Publishes through the admin API as the logged-in page; the article JSON.
async function publish(page, fields) {
  const r = await page.evaluate(async (f) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const res = await fetch('/api/admin/articles', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(Object.assign({ status: 'published', category: 'Metropolitan' }, f)),
    });
    return { status: res.status, body: await res.json() };
  }, fields);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function until(check, ms = 5000) {
  for (let waited = 0; waited < ms; waited += 100) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

let embedArticle = '';

test('embeds request nothing from a third party until the reader clicks', async () => {
  const admin = await adminPage();
  const a = await publish(admin, {
    title: 'Video Banjir Rob di Pesisir Utara',
    body: 'Warga merekam air pasang.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n' +
      'https://x.com/kabarin_id/status/1864598000000000000\n\nPetugas bersiaga.',
  });
  await admin.close();
  embedArticle = new URL(a.url, base).pathname;
  // Every request leaving the site is recorded, and answered here.
  const outside = [];
  const isOutside = (url) => !url.startsWith(base);
  const onRequest = (req) => { if (isOutside(req.url())) outside.push(req.url()); };
  context.on('request', onRequest);
  await context.route((url) => isOutside(url.href), (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<!doctype html><title>pemutar</title><p>pemutar',
  }));
  try {
    const reader = await context.newPage();
    await reader.goto(base + embedArticle);
    await reader.waitForLoadState('networkidle');
    const figures = reader.locator('.article-body figure.embed');
    assert.equal(await figures.count(), 2);
    const yt = reader.locator('figure.embed-youtube');
    const play = yt.getByRole('button', { name: /YouTube/ });
    assert.equal(await play.isVisible(), true);
    assert.equal(await yt.getByRole('link').getAttribute('href'),
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    assert.equal(await reader.locator('iframe').count(), 0);
    await reader.mouse.wheel(0, 2000);  // scrolling loads nothing either
    await reader.waitForTimeout(500);
    assert.deepEqual(outside, [], 'no third-party request before the click');

    await play.click();
    const frame = yt.locator('iframe');
    await frame.waitFor();
    assert.match(await frame.getAttribute('src'),
      /^https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?/);
    assert.match(await frame.getAttribute('title'), /YouTube/);
    assert.ok(await until(() => outside.length > 0), 'the player loads after the click');
    assert.ok(outside.every((u) => u.startsWith('https://www.youtube-nocookie.com/')),
      'only the clicked provider: ' + outside.join(' '));
    assert.equal(await reader.locator('figure.embed-x iframe').count(), 0);
    if (shots) await reader.screenshot({ path: path.join(shots, 'embed.png'), fullPage: true });
    await reader.close();
  } finally {
    context.off('request', onRequest);
    await context.unrouteAll();
  }
});

test('dark mode and light mode pass axe (WCAG 2 AA) on the public pages', async () => {
  const page = await context.newPage();
  const paths = ['/', embedArticle || '/', '/kategori/metropolitan', '/cari?q=banjir', '/tidak-ada-halaman'];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of paths) {
      await page.goto(base + p);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, scheme === 'dark' ? 'rgb(20, 19, 18)' : 'rgb(255, 255, 255)', p);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      const found = result.violations.map((v) =>
        v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
      assert.deepEqual(found, [], scheme + ' ' + p);
    }
    if (shots) await page.screenshot({ path: path.join(shots, 'home-' + scheme + '.png'), fullPage: false });
  }
  await page.close();
});

test('the 404 page: header and footer full width, search and the latest stories', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const res = await page.goto(base + '/berita/tidak-ada-yang-begini');
  assert.equal(res.status(), 404);
  for (const part of ['.site-header', '.site-footer']) {
    const box = await page.locator(part).boundingBox();
    assert.equal(box.x, 0, part);
    assert.equal(box.width, 390, part);
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, 'no horizontal scrolling, width ' + width);
  const main = page.locator('main');
  assert.equal(await main.getByRole('searchbox').count(), 1);
  assert.ok(await main.locator('.error-latest .card-title a').count() >= 1, 'the latest stories');
  if (shots) await page.screenshot({ path: path.join(shots, '404.png'), fullPage: true });
  await main.getByRole('searchbox').fill('banjir');
  await main.getByRole('searchbox').press('Enter');
  await page.waitForURL(/\/cari\?q=banjir/);
  // Results quoting an embedded post's long URL still fit the phone.
  const results = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(results <= 390, 'search results fit, width ' + results);
  await page.close();
});

test('an editor pins the lead story from the editor', async () => {
  const admin = await adminPage();
  const older = await publish(admin, {
    title: 'Tanggul Darurat Selesai Dibangun',
    body: 'Pekerjaan rampung.',
    published_at: new Date(Date.now() - 86400000).toISOString(),
  });
  await admin.goto(base + '/admin/articles/' + older.id);
  await admin.getByRole('button', { name: /Jadikan berita utama|Make it the lead story/ }).click();
  assert.ok(await until(async () => /berita utama|lead story/i.test(
    await admin.locator('[data-home-state]').textContent())),
  'pinned: ' + await admin.locator('[data-home-state]').textContent() + ' / ' +
    await admin.locator('[data-notice]').textContent());
  const reader = await context.newPage();
  // Pages are public for 60 s: ask the server each time, as a new reader would.
  const cdp = await context.newCDPSession(reader);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  assert.ok(await until(async () => {
    await reader.goto(base + '/');
    return (await reader.locator('.lead-story .lead-title').textContent()).includes(older.title);
  }), 'the pinned lead leads the home page: ' +
    await reader.locator('.lead-story .lead-title').textContent() + ' / ' +
    JSON.stringify(await admin.evaluate(async () => (await fetch('/api/admin/home')).json())));
  await admin.getByRole('button', { name: /Lepas dari beranda|Unpin/ }).click();
  assert.ok(await until(async () => {
    await reader.goto(base + '/');
    return !(await reader.locator('.lead-story .lead-title').textContent()).includes(older.title);
  }), 'unpinned');
  await reader.close();
  await admin.close();
});

test('actions that change a live page ask first: publish, unpublish, restore', async () => {
  const page = await adminPage();
  const a = await publish(page, { title: 'Jembatan Layang Dibuka Pekan Depan', body: 'Isi pertama.' });
  // A second version, so there is an older revision to restore.
  const edited = await page.evaluate(async ([id, version]) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const res = await fetch('/api/admin/articles/' + id, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ version: version, body: 'Isi kedua.' }),
    });
    return res.status;
  }, [a.id, a.version]);
  assert.equal(edited, 200);
  const asked = [];
  let answer = false;
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => {
    // Leaving the editor is always allowed: a dismissed beforeunload would
    // hold the next navigation.
    if (d.type() === 'beforeunload') return d.accept();
    asked.push(d.message());
    return answer ? d.accept() : d.dismiss();
  });
  const status = async () => (await page.request.get(base + a.url)).status();

  await page.goto(base + '/admin/articles/' + a.id);
  const unpublish = page.getByRole('button', { name: /Tarik dari situs|Take off the site|Unpublish/ });
  await unpublish.click();
  await page.waitForTimeout(300);
  assert.match(asked.pop() || '', /Tarik artikel ini|Take this article off/);
  assert.equal(await status(), 200, 'dismissed: still live');

  await page.goto(base + '/admin/articles/' + a.id + '/revisions');
  await page.locator('.rev-list a').last().click();  // the first version
  await page.waitForURL(/\/revisions\?rev=\d+$/);
  const restore = page.getByRole('button', { name: /Pulihkan revisi ini|Restore this revision/ }).first();
  await restore.click();
  await page.waitForTimeout(300);
  assert.match(asked.pop() || '', /Pulihkan revisi ini\?|Restore this revision\?/);
  assert.match(page.url(), /\/revisions\?rev=\d+$/, 'dismissed: nothing restored');

  answer = true;
  await page.goto(base + '/admin/articles/' + a.id);
  await page.getByRole('button', { name: /Tarik dari situs|Take off the site|Unpublish/ }).click();
  assert.ok(await until(async () => (await status()) === 410), 'accepted: withdrawn');
  await page.close();
});
