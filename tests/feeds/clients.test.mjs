// Real clients against a real `warta serve`: feed parsers nobody here wrote
// (rss-parser, @extractus/feed-extractor), xmllint with the sitemap schemas,
// structured-data-testing-tool (Google/Twitter/Facebook presets) for
// JSON-LD and OpenGraph, and open-graph-scraper. Run by ctest
// (feeds_clients) with WARTA_BINARY set; `node --test` from here works too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const schemas = join(root, 'tests', 'data', 'schemas');
const wireFeeds = join(root, 'tests', 'data', 'feeds');
const binary = process.env.WARTA_BINARY || join(root, 'build', 'warta');

const RssParser = require('rss-parser');
const { extractFromXml, extractFromJson } = await import('@extractus/feed-extractor');
const ogs = (await import('open-graph-scraper')).default;
const { structuredDataTestHtml } = require('structured-data-testing-tool');
const { Google, Twitter, Facebook } = require('structured-data-testing-tool/presets');

const TRICKY_TITLE = 'Harga "cabai" & bawang <naik> ]]> 5% di pasar';
let data, server, base;

function warta(args) {
  return execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function get(path, headers = {}) {
  const res = await fetch(base + path, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function xmllint(xml, schema) {
  const file = join(data, 'doc.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', join(schemas, schema), file],
                 { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`xmllint ${schema}: ${e.stderr}`);
  }
}

before(async () => {
  data = mkdtempSync(join(tmpdir(), 'warta-feeds-'));
  const demo = join(root, 'demo', 'articles');
  const files = readdirSync(demo).filter((f) => f.endsWith('.md')).map((f) => join(demo, f));
  const tricky = join(data, 'tricky.md');
  writeFileSync(tricky, `---\ntitle: '${TRICKY_TITLE}'\ncategory: Ekonomi & Bisnis\n` +
    `tags: [Pangan, "C++ & <XML>"]\nauthor: Sari Lestari\nsource: ANTARA\n---\n` +
    `Isi dengan karakter sulit: ]]> dan <script>alert(1)</script> & "kutip".\n\n` +
    `Paragraf [kedua](/berita/tidak-ada) dengan tautan relatif.\n`);
  warta(['import', '--data', data, '--quiet', ...files, tricky]);
  warta(['ingest', '--data', data, '--feed', 'Kantor Contoh', '--trusted', '--quiet',
         join(wireFeeds, 'wire-rss2.xml')]);
  server = spawn(binary, ['serve', '--data', data, '--port', '0'],
                 { stdio: ['ignore', 'pipe', 'ignore'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`warta serve exited ${code}`)));
  });
});

after(() => {
  if (server) server.kill('SIGTERM');
  if (data) rmSync(data, { recursive: true, force: true });
});

async function feedPaths() {
  const cats = await get('/sitemap-categories.xml');
  const tags = await get('/sitemap-tags.xml');
  const authors = await get('/sitemap-authors.xml');
  const first = (xml) => new URL(xml.text.match(/<loc>([^<]+)<\/loc>/)[1]).pathname;
  const lists = ['', '/kategori/ekonomi-bisnis', first(tags), first(authors), first(cats)];
  const out = [];
  for (const l of lists) for (const f of ['rss.xml', 'atom.xml', 'feed.json']) out.push(`${l}/${f}`);
  return out;
}

test('rss-parser reads every RSS and Atom feed', async () => {
  const parser = new RssParser({ customFields: { item: ['dc:creator', 'content:encoded'] } });
  for (const path of await feedPaths()) {
    if (path.endsWith('.json')) continue;
    const res = await get(path);
    assert.equal(res.status, 200, path);
    const feed = await parser.parseString(res.text);
    assert.ok(feed.items.length > 0, `${path}: no items`);
    for (const item of feed.items) {
      assert.match(item.link, /^http:\/\/127\.0\.0\.1:\d+\/berita\//, `${path}: link`);
      assert.ok(item.title && item.title.length > 0, `${path}: title`);
    }
  }
  const rss = await parser.parseString((await get('/rss.xml')).text);
  const tricky = rss.items.find((i) => i.title === TRICKY_TITLE);
  assert.ok(tricky, 'the tricky title survives XML escaping');
  assert.equal(tricky['dc:creator'], 'Sari Lestari');
  assert.ok(tricky.categories.includes('C++ & <XML>'));
  assert.ok(tricky['content:encoded'].includes(']]&gt;') || tricky['content:encoded'].includes(']]>'));
  assert.match(tricky['content:encoded'], /href="http:\/\/127\.0\.0\.1:\d+\/berita\/tidak-ada"/,
               'relative links become absolute');
  assert.ok(tricky.guid.startsWith('http://'));
  const atom = await parser.parseString((await get('/atom.xml')).text);
  assert.ok(atom.items.some((i) => i.title === TRICKY_TITLE));
});

test('@extractus/feed-extractor reads every feed, JSON Feed included', async () => {
  for (const path of await feedPaths()) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    const feed = path.endsWith('.json')
      ? extractFromJson(JSON.parse(res.text), { normalization: true })
      : extractFromXml(res.text, { normalization: true });
    assert.ok(feed.entries.length > 0, `${path}: no entries`);
    for (const e of feed.entries) {
      assert.match(e.link, /^http:\/\/127\.0\.0\.1:\d+\/berita\//, `${path}: ${e.link}`);
      assert.ok(e.published, `${path}: published`);
    }
  }
  const json = extractFromJson(JSON.parse((await get('/feed.json')).text));
  assert.ok(json.entries.some((e) => e.title === TRICKY_TITLE));
});

test('feeds answer conditional GETs with 304', async () => {
  const first = await get('/rss.xml');
  const etag = first.headers.get('etag');
  const modified = first.headers.get('last-modified');
  assert.ok(etag && modified);
  assert.equal((await get('/rss.xml', { 'If-None-Match': etag })).status, 304);
  assert.equal((await get('/feed.json', { 'If-Modified-Since': 'Sun, 01 Jan 2090 00:00:00 GMT' })).status, 304);
  assert.equal((await get('/atom.xml', { 'If-None-Match': '"other"' })).status, 200);
});

test('sitemaps validate against the sitemaps.org and Google News schemas', async () => {
  const index = await get('/sitemap.xml');
  assert.equal(index.status, 200);
  xmllint(index.text, 'siteindex.xsd');
  const children = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(children.some((c) => /^\/sitemap-articles-\d{4}-\d{2}\.xml$/.test(c)));
  assert.ok(children.includes('/sitemap-tags.xml'));
  let urls = 0;
  for (const c of children) {
    const res = await get(c);
    assert.equal(res.status, 200, c);
    xmllint(res.text, 'sitemap.xsd');
    urls += (res.text.match(/<url>/g) || []).length;
    const etag = res.headers.get('etag');
    assert.equal((await get(c, { 'If-None-Match': etag })).status, 304, `${c}: 304`);
  }
  assert.ok(urls > 40, `only ${urls} URLs in the child sitemaps`);
  const news = await get('/sitemap-news.xml');
  xmllint(news.text, 'sitemap-news-urlset.xsd');
  assert.match(news.text, /<news:language>id<\/news:language>/);
  assert.ok((news.text.match(/<url>/g) || []).length >= 1, 'a wire story of today is in the news sitemap');
  const robots = await get('/robots.txt');
  assert.match(robots.text, /^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m);
  assert.match(robots.text, /^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap-news\.xml$/m);
});

test('article pages carry JSON-LD, OpenGraph and Twitter tags that real testers accept', async () => {
  const rss = await new RssParser().parseString((await get('/rss.xml')).text);
  const item = rss.items.find((i) => i.title === TRICKY_TITLE);
  const page = await get(new URL(item.link).pathname);
  assert.equal(page.status, 200);
  const result = await structuredDataTestHtml(page.text, {
    presets: [Google, Twitter, Facebook],
    schemas: ['NewsArticle', 'BreadcrumbList'],
  }).catch((err) => err.res);
  const failed = result.failed.map((t) => `${t.test}: ${t.error && t.error.message}`);
  assert.deepEqual(failed, [], 'structured data tests failed');
  assert.ok(result.passed.length > 10);
  const ld = result.structuredData.jsonld;
  assert.equal(ld.NewsArticle[0].headline, TRICKY_TITLE);
  assert.equal(ld.NewsArticle[0].articleSection, 'Ekonomi & Bisnis');
  assert.equal(ld.NewsArticle[0].sourceOrganization.name, 'ANTARA');
  assert.ok(ld.BreadcrumbList[0].itemListElement.length === 3);

  const { error, result: og } = await ogs({ html: page.text });
  assert.equal(error, false);
  assert.equal(og.ogType, 'article');
  assert.equal(og.ogTitle, TRICKY_TITLE);
  assert.equal(og.ogLocale, 'id_ID');
  assert.ok(og.ogImage && og.ogImage.length > 0 && og.ogImage[0].url.startsWith('http'));
  assert.ok(og.articlePublishedTime || page.text.includes('article:published_time'));
  assert.equal(og.twitterCard, 'summary');
  assert.ok(page.text.includes('<meta property="article:section" content="Ekonomi &amp; Bisnis">'));
  assert.ok(page.text.includes('<link rel="alternate" type="application/rss+xml"'));
  assert.ok(!page.text.includes('</script><script>alert'), 'JSON-LD cannot close its script');
});
