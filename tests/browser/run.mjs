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
import { test as nodeTest, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

// Each test: at most 90 s, so one stuck step fails that test by name and the
// others still run (ctest's 300 s limit would kill the whole file silently).
// A test that fails or is still running after 60 s prints (once) what the
// server printed and, where gdb can attach, where each of its threads is.
function test(name, fn) {
  nodeTest(name, { timeout: 90000 }, async (t) => {
    let told = false;
    const tell = (what) => { if (!told) { told = true; explain(name, what); } };
    const slow = setTimeout(() => tell('still running after 60 s'), 60000);
    try {
      await fn(t);
    } catch (e) {
      tell('failed');
      throw e;
    } finally {
      clearTimeout(slow);
    }
  });
}

function explain(name, what) {
  const lines = ['# ' + name + ': ' + what];
  if (server) {
    lines.push('# the server printed (last 8 KiB):');
    lines.push(server.logTail().slice(-8192));
    const gdb = spawnSync('gdb', ['-p', String(server.pid), '-batch', '-nx',
      '-ex', 'thread apply all bt 30'], { encoding: 'utf8', timeout: 60000 });
    lines.push(gdb.error ? '# gdb: ' + gdb.error.message
      : '# the server\'s threads (gdb):\n' + gdb.stdout + gdb.stderr.slice(-2048));
    // A gdb that was stopped mid-attach can leave the server stopped.
    try { process.kill(server.pid, 'SIGCONT'); } catch { /* gone */ }
  }
  process.stderr.write(lines.join('\n') + '\n');
}

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

test('publish while an autosave is in flight still publishes', async () => {
  // The autosave's request is held at the network until Publish was
  // clicked; a save asked for while another runs used to be dropped, so
  // the click did nothing (seen in CI on a loaded machine).
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let autosaveSeen = false;
  await page.route('**/api/admin/articles', async (route) => {
    const data = route.request().postData() || '';
    if (route.request().method() === 'POST' && data.includes('"autosave":true')) {
      autosaveSeen = true;
      await held;
    }
    await route.continue();
  });
  await page.goto(base + '/admin/articles/new');
  const title = 'Jembatan Gantung Desa Dibuka Kembali';
  await page.getByLabel(/^Judul$|^Title$/).fill(title);
  await page.locator('#body').fill('Warga kembali bisa menyeberang sungai.');
  await page.getByLabel(/^Rubrik$|^Section$/).fill('Daerah');
  // The first autosave creates the draft: held.
  assert.ok(await until(() => autosaveSeen, 15000), 'no autosave within 15 s');
  await page.getByRole('button', { name: /Terbitkan sekarang|Publish now/ }).click();
  await page.waitForTimeout(300);
  release();
  await page.waitForURL(/\/admin\/articles\/\d+$/);
  const link = page.locator('[data-public-link]');
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^\/berita\/jembatan-gantung-desa-dibuka-kembali\?v=\d+$/);
  // One article: the publish used the draft the autosave made.
  const found = await page.evaluate(async () => {
    const r = await fetch('/api/admin/articles?q=' + encodeURIComponent('Jembatan Gantung'));
    return r.json();
  });
  const rows = (found.articles || []).filter((a) => a.title === title);
  assert.equal(rows.length, 1, JSON.stringify(found).slice(0, 300));
  assert.equal(rows[0].status, 'published');
  await page.close();
});

test('a save whose answer cannot be read does not stop the next ones', async () => {
  // The first autosave's answer is cut short (JSON that does not parse):
  // the editor must not stay "saving" for ever; its next autosave creates
  // the draft.
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  let cut = 0;
  await page.route('**/api/admin/articles', async (route) => {
    const data = route.request().postData() || '';
    if (route.request().method() === 'POST' && data.includes('"autosave":true') && cut === 0) {
      cut++;
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"id": 1, "tit' });
      return;
    }
    await route.continue();
  });
  await page.goto(base + '/admin/articles/new');
  await page.getByLabel(/^Judul$|^Title$/).fill('Jawaban yang Terpotong di Tengah Jalan');
  await page.locator('#body').fill('Autosave berikutnya tetap berjalan.');
  assert.ok(await until(() => cut === 1, 15000), 'no autosave within 15 s');
  await page.waitForURL(/\/admin\/articles\/\d+$/, { timeout: 30000 });
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
  // The editor reloads itself once the unpublish is saved; closing the page
  // in the middle of that load once held page.close() until the test timed out.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: /Tarik dari situs|Take off the site|Unpublish/ }).click();
  assert.ok(await until(async () => (await status()) === 410), 'accepted: withdrawn');
  await reloaded;
  await page.close();
});

// Runs axe (WCAG 2 A/AA) on the page as it is; the violations found. The
// newsroom's CSP allows no inline script: axe is evaluated through the
// DevTools protocol instead of a <script> tag.
const axeSource = readFileSync(axePath, 'utf8');
async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.map((v) =>
    v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
}

// Reads an article through the admin API with the session's cookie (safe
// while the page navigates).
async function readArticle(page, id) {
  const res = await page.request.get(base + '/api/admin/articles/' + id);
  return res.json();
}

// Calls the admin API as the logged-in page.
async function callApi(page, method, url, body) {
  return page.evaluate(async ([m, u, b]) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const res = await fetch(u, {
      method: m,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: b === undefined ? undefined : JSON.stringify(b),
    });
    return { status: res.status, body: await res.json() };
  }, [method, url, body]);
}

test('revision history: publish, unpublish and schedule events, the live version and a diff against it', async () => {
  const page = await adminPage();
  const a = await publish(page, { title: 'Pasar Terapung Dibuka Lagi', body: 'Pedagang kembali berjualan.' });
  // A save that goes live, then an autosave kept beside the live text.
  let r = await callApi(page, 'PUT', '/api/admin/articles/' + a.id,
    { version: a.version, body: 'Pedagang kembali berjualan sejak pagi.' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await callApi(page, 'PUT', '/api/admin/articles/' + a.id,
    { version: r.body.version, autosave: true, body: 'Pedagang dan pembeli kembali ramai.' });
  assert.equal(r.status, 202, JSON.stringify(r.body));

  await page.goto(base + '/admin/articles/' + a.id + '/revisions');
  const items = page.locator('.rev-list li');
  assert.equal(await items.count(), 3);
  assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
    ['autosave', 'save', 'publish']);
  // The save is what readers see: marked live, once.
  const live = page.locator('.rev-list li[data-live]');
  assert.equal(await live.count(), 1);
  assert.equal(await live.getAttribute('data-kind'), 'save');
  assert.match(await live.textContent(), /live/);
  assert.match(await items.nth(2).textContent(), /diterbitkan · Rina Wulandari|published · Rina Wulandari/);
  assert.deepEqual(await axeViolations(page), [], 'the history page passes axe');

  // The kept autosave against the live version: what saving it changes.
  await items.first().locator('a').click();
  await page.waitForURL(/\/revisions\?rev=\d+$/);
  await page.getByRole('link', { name: /Bandingkan dengan versi live|Compare with the live version/ }).click();
  await page.waitForURL(/against=live/);
  assert.match(await page.locator('#diff-title').textContent(), /versi live|live version/);
  assert.match(await page.locator('.diff ins').allTextContents().then((t) => t.join(' ')), /pembeli/);
  assert.match(await page.locator('.diff del').allTextContents().then((t) => t.join(' ')), /sejak pagi/);

  // Taking it off the site and scheduling it again are events in the history.
  await page.goto(base + '/admin/articles/' + a.id);
  await page.getByRole('button', { name: /Tarik dari situs|Unpublish|Take off the site/ }).click();
  assert.ok(await until(async () => (await readArticle(page, a.id)).status === 'draft'),
    'taken off the site');
  // The editor reloads itself after the action: wait for that page (a
  // goto of our own would race with its navigation).
  await page.locator('form[data-editor][data-status="draft"]').waitFor();
  await page.waitForLoadState('load');
  const tomorrow = new Date(Date.now() + 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  // The editor's clock is WIB (UTC+7); a day ahead is in the future either way.
  const local = tomorrow.getUTCFullYear() + '-' + pad(tomorrow.getUTCMonth() + 1) + '-' +
    pad(tomorrow.getUTCDate()) + 'T10:00';
  await page.locator('#published_at').fill(local);
  await page.getByRole('button', { name: /^Jadwalkan$|^Schedule$/ }).click();
  assert.ok(await until(async () => (await readArticle(page, a.id)).status === 'scheduled'),
    'scheduled');
  await page.locator('form[data-editor][data-status="scheduled"]').waitFor();
  await page.waitForLoadState('load');
  await page.goto(base + '/admin/articles/' + a.id + '/revisions');
  const kinds = await page.locator('.rev-list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  assert.deepEqual(kinds.slice(0, 2), ['schedule', 'unpublish'], kinds.join(','));
  assert.equal(await page.locator('.rev-list li[data-live]').count(), 0, 'nothing is live now');
  assert.match(await page.locator('.rev-list li').first().textContent(), /dijadwalkan|scheduled/);
  await page.close();
});

test('the phone action bar: one row of at most 64 px, the rest behind "Lainnya"', async () => {
  const page = await adminPage();
  const a = await publish(page, { title: 'Posko Kesehatan Buka 24 Jam', body: 'Petugas berjaga bergantian.' });
  await callApi(page, 'POST', '/api/admin/articles/' + a.id + '/unpublish', { version: a.version });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/admin/articles/' + a.id);
  const bar = page.locator('.actions');
  const box = await bar.boundingBox();
  assert.ok(box.height <= 64, 'the bar is ' + box.height + ' px high');
  assert.ok(box.y + box.height <= 844 + 1, 'the bar sits in the viewport: ' + JSON.stringify(box));
  assert.equal(await page.getByRole('button', { name: /^Simpan$|^Save$/ }).isVisible(), true);
  const publishNow = page.getByRole('button', { name: /Terbitkan sekarang|Publish now/ });
  assert.equal(await publishNow.isVisible(), false, 'secondary actions wait in the menu');
  const more = page.getByRole('button', { name: /^Lainnya$|^More$/ });
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.equal(await publishNow.isVisible(), true);
  assert.equal(await page.getByRole('button', { name: /^Jadwalkan$|^Schedule$/ }).isVisible(), true);
  assert.equal((await bar.boundingBox()).height, box.height, 'the menu opens above, the bar keeps its height');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, 'no horizontal scrolling, width ' + width);
  if (shots) await page.screenshot({ path: path.join(shots, 'phone-actions.png'), fullPage: false });
  assert.deepEqual(await axeViolations(page), [], 'the editor with the menu open passes axe');
  await page.keyboard.press('Escape');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(await publishNow.isVisible(), false);
  // Wide screens show every action in the bar, no menu button.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await more.isVisible(), false);
  assert.equal(await publishNow.isVisible(), true);
  await page.close();
});

test('SEO title and description: counters and the share preview follow the typing', async () => {
  const page = await adminPage();
  const a = await publish(page, { title: 'Kereta Bandara Tambah Jadwal', body: 'Perjalanan ditambah menjadi 80 per hari.' });
  await page.goto(base + '/admin/articles/' + a.id);
  const card = page.locator('[data-share-preview]');
  // From the preview's og: tags: the site's domain and its share picture.
  const host = new URL(base).hostname;
  assert.ok(await until(async () => (await card.locator('[data-share-domain]').textContent()) === host),
    'domain: ' + await card.locator('[data-share-domain]').textContent());
  assert.equal(await card.locator('[data-share-title]').textContent(), 'Kereta Bandara Tambah Jadwal');
  assert.ok(await until(async () => /80 per hari/.test(await card.locator('[data-share-desc]').textContent())),
    'the excerpt until a description is written');
  assert.ok(await until(() => card.locator('[data-share-image]').isVisible()), 'the share picture');
  await page.getByLabel(/Judul SEO|SEO title/).fill('Jadwal Kereta Bandara Jadi 80 Sehari');
  assert.equal(await card.locator('[data-share-title]').textContent(), 'Jadwal Kereta Bandara Jadi 80 Sehari');
  assert.match(await page.locator('[data-count-for="meta_title"]').textContent(), /36\/70/);
  await page.getByLabel(/Deskripsi SEO|SEO description/).fill('Mulai Senin, kereta berangkat tiap 15 menit.');
  assert.equal(await card.locator('[data-share-desc]').textContent(), 'Mulai Senin, kereta berangkat tiap 15 menit.');
  assert.match(await page.locator('[data-count-for="meta_description"]').textContent(), /44\/160/);
  // Bounded in the form as in the API.
  assert.equal(await page.getByLabel(/Judul SEO|SEO title/).getAttribute('maxlength'), '70');
  await page.getByRole('button', { name: /^Simpan$|^Save$/ }).click();
  assert.ok(await until(async () => (await readArticle(page, a.id)).meta_title === 'Jadwal Kereta Bandara Jadi 80 Sehari'),
    'saved');
  const saved = await readArticle(page, a.id);
  const reader = await context.newPage();
  await reader.goto(base + a.url + '?v=' + saved.version);
  assert.equal(await reader.title(), 'Jadwal Kereta Bandara Jadi 80 Sehari');
  assert.equal(await reader.locator('meta[property="og:description"]').getAttribute('content'),
    'Mulai Senin, kereta berangkat tiap 15 menit.');
  await reader.close();
  await page.close();
});

test('API errors are shown in the newsroom language', async () => {
  const page = await adminPage();
  const a = await publish(page, { title: 'Lampu Jalan Diganti LED', body: 'Sebanyak 400 titik.' });
  await page.goto(base + '/admin/articles/' + a.id);
  await page.getByLabel(/^Slug/).fill('Lampu Jalan');
  await page.getByRole('button', { name: /^Simpan$|^Save$/ }).click();
  const notice = page.locator('[data-notice]');
  assert.ok(await until(() => notice.isVisible()), 'an error is shown');
  assert.equal(await notice.textContent(),
    'Slug "Lampu Jalan" hanya boleh berisi huruf kecil, angka, dan tanda hubung.');
  // The same error in English for an editor who chose it.
  await context.addCookies([{ name: 'warta_lang', value: 'en', url: base }]);
  try {
    await page.reload();
    await page.getByLabel(/^Slug/).fill('Lampu Jalan');
    await page.getByRole('button', { name: /^Save$/ }).click();
    assert.ok(await until(async () => /may only have lower-case letters/.test(await notice.textContent())),
      await notice.textContent());
  } finally {
    await context.addCookies([{ name: 'warta_lang', value: 'id', url: base }]);
  }
  await page.close();
});

test('a live report: updates the editor appends without reloading reach the page at once', async () => {
  const page = await adminPage();
  const a = await publish(page, { title: 'Laporan Langsung Banjir Kampung Pulo', body: 'Ketinggian air terus dipantau.', live_report: true });
  await page.goto(base + '/admin/articles/' + a.id);
  await page.evaluate(() => { window.stayed = true; });
  for (const text of ['06.00 WIB: air setinggi 80 cm.', '07.30 WIB: warga mulai mengungsi.']) {
    await page.getByLabel(/Pembaruan baru|New update/).fill(text);
    await page.getByRole('button', { name: /Tambah pembaruan|Add update/ }).click();
    await page.locator('[data-live-list] li', { hasText: text }).waitFor();
  }
  assert.equal(await page.evaluate(() => window.stayed), true, 'no reload');
  const listed = await page.locator('[data-live-list] .live-body').allTextContents();
  assert.deepEqual(listed.slice(0, 2), ['07.30 WIB: warga mulai mengungsi.', '06.00 WIB: air setinggi 80 cm.']);
  const reader = await context.newPage();
  await reader.goto(base + a.url);
  assert.match(await reader.locator('.live-label-big').textContent(), /LANGSUNG|LIVE/);
  const shown = await reader.locator('.live-update').allTextContents();
  assert.equal(shown.length, 2);
  assert.match(shown[0], /warga mulai mengungsi/);
  assert.match(shown[1], /80 cm/);
  assert.deepEqual(await axeViolations(reader), [], 'the live report passes axe');
  await reader.close();
  await page.close();
});
