// warta newsroom: the article editor. Keeps every keystroke in
// localStorage (so a reload or a crash loses nothing), autosaves to the
// server every few seconds, previews through the real theme, uploads the
// feature image and runs the workflow buttons.
(function () {
  'use strict';
  var form = document.querySelector('[data-editor]');
  if (!form || !window.warta) return;
  var w = window.warta;
  var id = parseInt(form.getAttribute('data-id'), 10) || 0;
  var version = parseInt(form.getAttribute('data-version'), 10) || 0;
  var status = form.getAttribute('data-status');
  var autosaveMs = (parseInt(form.getAttribute('data-autosave'), 10) || 5) * 1000;
  var stateEl = form.querySelector('[data-save-state]');
  var fields = ['title', 'body', 'custom_excerpt', 'dateline_city', 'dateline_outlet',
    'source', 'source_url', 'category', 'tags', 'authors', 'editor', 'slug', 'feature_image',
    'feature_image_alt', 'feature_image_caption', 'feature_image_credit', 'feature_image_focal_x',
    'feature_image_focal_y', 'correction', 'withdrawn_reason', 'meta_title', 'meta_description'];
  var numeric = { feature_image_focal_x: true, feature_image_focal_y: true };
  var dirty = false, conflict = false, previewTimer = null;
  var inflight = null;  // the save in progress (a promise), null when none
  var lang = document.documentElement.lang;
  var T = lang === 'en' ? {
    saved: 'Saved', autosaved: 'Saved automatically', kept: 'Changes kept (not live yet)',
    unsaved: 'Unsaved changes', saving: 'Saving…', conflict: 'Someone else saved this article. Your text is kept in this browser; reload to see theirs.',
    restored: 'Unsaved changes from this browser were restored.', offline: 'Offline: changes are kept in this browser.',
    confirmTrash: 'Move this article to the trash?',
    confirmPublish: 'Publish now? Readers see this article at once.',
    confirmUnpublish: 'Take this article off the site? Readers will see that it was withdrawn.',
    uploading: 'Uploading…', needTime: 'Pick a date and time first.',
    needNote: 'Write a note for the writer first.',
    serverError: 'The server could not save (try again shortly); your text is kept in this browser.'
  } : {
    saved: 'Tersimpan', autosaved: 'Tersimpan otomatis', kept: 'Perubahan disimpan (belum tayang)',
    unsaved: 'Ada perubahan belum tersimpan', saving: 'Menyimpan…', conflict: 'Artikel ini sudah disimpan orang lain. Teks Anda tetap tersimpan di peramban ini; muat ulang untuk melihat versi mereka.',
    restored: 'Perubahan yang belum tersimpan dari peramban ini dipulihkan.', offline: 'Luring: perubahan tetap tersimpan di peramban ini.',
    confirmTrash: 'Pindahkan artikel ini ke tempat sampah?',
    confirmPublish: 'Terbitkan sekarang? Pembaca langsung melihat artikel ini.',
    confirmUnpublish: 'Tarik artikel ini dari situs? Pembaca akan melihat bahwa artikel ini ditarik.',
    uploading: 'Mengunggah…', needTime: 'Pilih tanggal dan jam dulu.',
    needNote: 'Tulis catatan untuk penulis dulu.',
    serverError: 'Server gagal menyimpan (coba lagi sebentar lagi); teks Anda tetap tersimpan di peramban ini.'
  };

  function el(name) { return form.elements[name]; }
  function key() { return 'warta:article:' + (id || 'new'); }
  function values() {
    var v = {};
    fields.forEach(function (f) {
      if (!el(f)) return;
      if (!numeric[f]) { v[f] = el(f).value; return; }
      var n = parseFloat(el(f).value);
      v[f] = isNaN(n) ? 0.5 : n;
    });
    return v;
  }
  function setState(text) { if (stateEl) stateEl.textContent = text; }

  // --- localStorage: every change, at once -------------------------------
  function keepLocal() {
    try {
      localStorage.setItem(key(), JSON.stringify({ version: version, fields: values(), at: Date.now() }));
    } catch (e) { /* storage full or disabled: the server autosave still runs */ }
  }
  function dropLocal() { try { localStorage.removeItem(key()); } catch (e) {} }
  function restoreLocal() {
    var raw;
    try { raw = localStorage.getItem(key()); } catch (e) { return; }
    if (!raw) return;
    var saved;
    try { saved = JSON.parse(raw); } catch (e) { dropLocal(); return; }
    var now = values(), differs = false;
    fields.forEach(function (f) {
      if (saved.fields && typeof saved.fields[f] === 'string' && saved.fields[f] !== now[f]) differs = true;
    });
    if (!differs) { dropLocal(); return; }
    fields.forEach(function (f) {
      if (el(f) && saved.fields && typeof saved.fields[f] === 'string') el(f).value = saved.fields[f];
    });
    var note = form.querySelector('[data-restored]');
    note.textContent = T.restored;
    note.hidden = false;
    dirty = true;
    setState(T.unsaved);
    if (saved.version !== version && id) conflictWarning();
  }
  function conflictWarning() {
    conflict = true;
    w.notice(T.conflict, 'error');
  }

  // --- saving -------------------------------------------------------------
  function payload(extra) {
    var p = values();
    ['category'].forEach(function (f) { if (p[f] === '') p[f] = null; });
    if (el('featured')) p.featured = el('featured').checked;  // editors only
    if (el('live_report')) p.live_report = el('live_report').checked;
    p.version = version;
    for (var k in extra) p[k] = extra[k];
    return p;
  }
  function adopt(article) {
    version = article.version;
    status = article.status;
    form.setAttribute('data-version', version);
    if (!id && article.id) {
      var old = key();
      id = article.id;
      form.setAttribute('data-id', id);
      try { localStorage.removeItem(old); } catch (e) {}
      history.replaceState(null, '', '/admin/articles/' + id);
    }
  }
  function save(extra, label) {
    var autosave = extra && extra.autosave;
    if (inflight) {
      // An autosave skips its turn; a button's save (publish, schedule,
      // save) runs once the save in flight is done, with the version that
      // one returns, instead of being lost.
      if (autosave) return Promise.resolve(null);
      var again = function () { return save(extra, label); };
      return inflight.then(again, again);
    }
    var sent = JSON.stringify(values());
    setState(T.saving);
    var req = id ? w.api('PUT', '/api/admin/articles/' + id, payload(extra || {}))
                 : w.api('POST', '/api/admin/articles', payload(extra || {}));
    inflight = req.then(function (r) {
      inflight = null;
      if (r.status === 409) { conflictWarning(); setState(T.unsaved); return null; }
      if (r.status === 0) { setState(T.offline); return null; }
      if (r.status >= 500) {  // disk full, I/O error: the text stays here
        keepLocal();
        w.notice(w.errorText(r) + ' ' + T.serverError, 'error');
        setState(T.unsaved);
        return null;
      }
      if (!r.ok) { w.notice(w.errorText(r), 'error'); setState(T.unsaved); return null; }
      if (r.status === 202) {  // kept as an autosave revision; live text unchanged
        setState(T.kept);
      } else {
        adopt(r.data);
        setState(label || (autosave ? T.autosaved : T.saved));
      }
      if (JSON.stringify(values()) === sent) { dirty = false; if (r.status !== 202) dropLocal(); else keepLocal(); }
      if (!autosave) w.notice('', '');
      return r.data;
    });
    return inflight;
  }
  setInterval(function () {
    if (!dirty || inflight || conflict) return;
    if (!id && !el('title').value.trim()) return;
    save({ autosave: true });
  }, autosaveMs);

  form.addEventListener('input', function (e) {
    if (e.target.hasAttribute('data-return-note') || e.target.hasAttribute('data-live-text') ||
        e.target.name === 'published_at') return;
    dirty = true;
    keepLocal();
    setState(T.unsaved);
    schedulePreview();
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty) { keepLocal(); e.preventDefault(); e.returnValue = ''; }
  });

  // --- preview through the real theme -------------------------------------
  var frame = form.querySelector('[data-preview]');
  function preview() {
    var p = values();
    if (id) p.id = id;
    if (p.category === '') p.category = null;
    w.api('POST', '/api/admin/preview', p).then(function (r) {
      if (!r.ok) return;
      frame.srcdoc = r.data;
      if (card) { readShared(r.data); showCard(); }
    });
  }
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 400);
  }

  // --- SEO title/description: counters and the shared link's card ----------
  // The card shows what the article page's og: tags say (read from the
  // preview, which the real theme renders); typing updates it at once.
  var card = form.querySelector('[data-share-preview]');
  var shared = { title: '', description: '', image: '', domain: '' };
  function chars(text) { return Array.from(text).length; }
  function counters() {
    form.querySelectorAll('[data-count-for]').forEach(function (c) {
      var f = el(c.getAttribute('data-count-for'));
      var n = f ? chars(f.value) : 0;
      c.querySelector('[data-count]').textContent = String(n);
      c.classList.toggle('over', n > parseInt(c.getAttribute('data-max'), 10));
    });
  }
  function showCard() {
    if (!card) return;
    var title = el('meta_title').value.trim() || el('title').value.trim() || shared.title;
    var desc = el('meta_description').value.trim() || el('custom_excerpt').value.trim() || shared.description;
    card.querySelector('[data-share-title]').textContent = title;
    card.querySelector('[data-share-desc]').textContent = desc;
    if (shared.domain) card.querySelector('[data-share-domain]').textContent = shared.domain;
    var img = card.querySelector('[data-share-image]');
    if (shared.image) { if (img.getAttribute('src') !== shared.image) img.src = shared.image; img.hidden = false; }
    else { img.hidden = true; }
  }
  function readShared(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    function og(name) {
      var m = doc.querySelector('meta[property="og:' + name + '"]');
      return m ? m.getAttribute('content') || '' : '';
    }
    shared.title = og('title');
    shared.description = og('description');
    var image = og('image'), url = og('url');
    try {
      var site = new URL(url);
      shared.domain = site.hostname.replace(/^www\./, '');
      var pic = image ? new URL(image) : null;
      // The site's own pictures load from here even when site.url names
      // another host.
      shared.image = pic ? (pic.origin === site.origin ? pic.pathname + pic.search : pic.href) : '';
    } catch (e) { shared.image = image; }
  }
  form.addEventListener('input', function (e) {
    if (e.target.name === 'meta_title' || e.target.name === 'meta_description') counters();
    if (/^(meta_title|meta_description|title|custom_excerpt)$/.test(e.target.name)) showCard();
  });

  // --- tabs (phones show one pane at a time) -------------------------------
  form.querySelectorAll('[data-tab]').forEach(function (tab) {
    tab.addEventListener('click', function () {
      var which = tab.getAttribute('data-tab');
      form.setAttribute('data-view', which);
      form.querySelectorAll('[data-tab]').forEach(function (t) {
        t.setAttribute('aria-selected', t === tab ? 'true' : 'false');
      });
      if (which === 'preview') preview();
    });
  });

  // --- Markdown toolbar ----------------------------------------------------
  var body = el('body');
  function edit(fn) {
    var s = body.selectionStart, e = body.selectionEnd, v = body.value;
    var out = fn(v.slice(0, s), v.slice(s, e), v.slice(e));
    body.value = out[0] + out[1] + out[2];
    body.focus();
    body.setSelectionRange(out[0].length, out[0].length + out[1].length);
    body.dispatchEvent(new Event('input', { bubbles: true }));
  }
  form.querySelectorAll('[data-md]').forEach(function (b) {
    b.addEventListener('click', function () {
      var m = b.getAttribute('data-md');
      edit(function (a, s, z) { return [a + m, s || 'teks', m + z]; });
    });
  });
  form.querySelectorAll('[data-md-line]').forEach(function (b) {
    b.addEventListener('click', function () {
      var m = b.getAttribute('data-md-line');
      edit(function (a, s, z) {
        var start = a.lastIndexOf('\n') + 1;
        return [a.slice(0, start) + m + a.slice(start), s, z];
      });
    });
  });
  form.querySelectorAll('[data-md-link]').forEach(function (b) {
    b.addEventListener('click', function () {
      edit(function (a, s, z) { return [a + '[', s || 'teks', '](https://)' + z]; });
    });
  });

  // --- feature image -------------------------------------------------------
  var upload = form.querySelector('[data-image-upload]');
  if (upload) upload.addEventListener('change', function () {
    var file = upload.files[0];
    if (!file) return;
    setState(T.uploading);
    w.api('POST', '/api/admin/images', file).then(function (r) {
      if (!r.ok) { w.notice(w.errorText(r), 'error'); setState(T.unsaved); return; }
      el('feature_image').value = r.data.url;
      var img = form.querySelector('[data-image-preview]');
      img.src = r.data.url;
      img.width = r.data.width;
      img.height = r.data.height;
      img.hidden = false;
      el('feature_image_focal_x').value = '0.5';
      el('feature_image_focal_y').value = '0.5';
      var label = form.querySelector('[data-focal-label]');
      if (label) label.hidden = false;
      dirty = true;
      keepLocal();
      setState(T.unsaved);
      schedulePreview();
    });
  });

  // The media library: uploads newest first, searched by caption or credit;
  // a click reuses one (with its alt, caption and credit when empty here).
  var library = form.querySelector('[data-media-library]');
  function useImage(item) {
    el('feature_image').value = item.url;
    var img = form.querySelector('[data-image-preview]');
    img.src = item.url;
    img.width = item.width;
    img.height = item.height;
    img.hidden = false;
    el('feature_image_focal_x').value = '0.5';
    el('feature_image_focal_y').value = '0.5';
    [['feature_image_alt', 'alt'], ['feature_image_caption', 'caption'], ['feature_image_credit', 'credit']].forEach(function (p) {
      if (el(p[0]) && !el(p[0]).value && item[p[1]]) el(p[0]).value = item[p[1]];
    });
    dirty = true;
    keepLocal();
    setState(T.unsaved);
    schedulePreview();
  }
  function loadLibrary() {
    var q = library.querySelector('[data-media-q]').value;
    w.api('GET', '/api/admin/images?q=' + encodeURIComponent(q)).then(function (r) {
      var list = library.querySelector('[data-media-list]');
      list.textContent = '';
      if (!r.ok) { w.notice(w.errorText(r), 'error'); return; }
      r.data.images.forEach(function (item) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.title = [item.caption, item.credit].filter(Boolean).join(' · ');
        var t = document.createElement('img');
        t.src = item.thumb;
        t.alt = item.caption || item.alt || item.url.split('/').pop();
        t.loading = 'lazy';
        b.appendChild(t);
        b.addEventListener('click', function () { useImage(item); });
        li.appendChild(b);
        list.appendChild(li);
      });
    });
  }
  if (library) {
    var libraryTimer = null;
    library.addEventListener('toggle', function () { if (library.open) loadLibrary(); });
    library.querySelector('[data-media-q]').addEventListener('input', function () {
      clearTimeout(libraryTimer);
      libraryTimer = setTimeout(loadLibrary, 250);
    });
  }

  // The focal point: where the editor clicks on the photo.
  var photo = form.querySelector('[data-image-preview]');
  if (photo) photo.addEventListener('click', function (e) {
    var box = photo.getBoundingClientRect();
    if (!box.width || !box.height) return;
    var clamp = function (n) { return Math.max(0, Math.min(1, Math.round(n * 1000) / 1000)); };
    el('feature_image_focal_x').value = String(clamp((e.clientX - box.left) / box.width));
    el('feature_image_focal_y').value = String(clamp((e.clientY - box.top) / box.height));
    dirty = true;
    keepLocal();
    setState(T.unsaved);
  });

  // --- workflow buttons ----------------------------------------------------
  function reloadTo(article) {
    if (article && article.id) location.href = '/admin/articles/' + article.id;
  }
  form.addEventListener('click', function (e) {
    var b = e.target.closest('[data-action]');
    if (!b) return;
    var action = b.getAttribute('data-action');
    if (action === 'save') {
      save({}).then(function (a) { if (a) reloadTo(a); });
    } else if (action === 'publish') {
      if (!confirm(T.confirmPublish)) return;
      save({ status: 'published' }).then(function (a) { if (a) reloadTo(a); });
    } else if (action === 'schedule') {
      var when = el('published_at').value;
      if (!when) { w.notice(T.needTime, 'error'); return; }
      save({ status: 'scheduled', published_at: when }).then(function (a) { if (a) reloadTo(a); });
    } else if (action === 'unpublish' || action === 'submit') {
      if (action === 'unpublish' && !confirm(T.confirmUnpublish)) return;
      save({}).then(function (a) {
        if (!a) return;
        w.api('POST', '/api/admin/articles/' + id + '/' + action, { version: version }).then(function (r) {
          if (!r.ok) { w.notice(w.errorText(r), 'error'); return; }
          reloadTo(r.data);
        });
      });
    } else if (action === 'return') {
      var note = form.querySelector('[data-return-note]').value.trim();
      if (!note) { w.notice(T.needNote, 'error'); return; }
      w.api('POST', '/api/admin/articles/' + id + '/return', { note: note }).then(function (r) {
        if (!r.ok) { w.notice(w.errorText(r), 'error'); return; }
        reloadTo(r.data);
      });
    } else if (action === 'trash') {
      if (!confirm(T.confirmTrash)) return;
      w.api('DELETE', '/api/admin/articles/' + id).then(function (r) {
        if (!r.ok) { w.notice(w.errorText(r), 'error'); return; }
        dropLocal();
        dirty = false;
        location.href = '/admin/articles';
      });
    }
  });

  // --- live report: updates appended without reloading ---------------------
  var live = form.querySelector('[data-live]');
  if (live) live.querySelector('[data-live-add]').addEventListener('click', function () {
    var box = live.querySelector('[data-live-text]');
    var text = box.value.trim();
    if (!text || !id) return;
    // The flag must be stored before the first update: save pending edits.
    var ready = dirty ? save({}) : Promise.resolve(true);
    ready.then(function (ok) {
      if (!ok) return;
      w.api('POST', '/api/admin/articles/' + id + '/updates', { body: text }).then(function (r) {
        if (!r.ok) { w.notice(w.errorText(r), 'error'); return; }
        var li = document.createElement('li');
        var when = document.createElement('strong');
        when.textContent = r.data.when;
        var body = document.createElement('span');
        body.className = 'live-body';
        body.textContent = r.data.body;
        li.appendChild(when);
        li.appendChild(body);
        var list = live.querySelector('[data-live-list]');
        list.insertBefore(li, list.firstChild);
        box.value = '';
        w.notice('', '');
        schedulePreview();
      });
    });
  });

  // --- phones: the primary action stays, the rest sit behind "More" -------
  var bar = form.querySelector('[data-actions]');
  var more = bar && bar.querySelector('[data-more]');
  function openMore(open) {
    if (!more) return;
    more.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) bar.setAttribute('data-open', ''); else bar.removeAttribute('data-open');
  }
  if (more) {
    more.addEventListener('click', function () {
      openMore(more.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && bar.hasAttribute('data-open')) { openMore(false); more.focus(); }
    });
    document.addEventListener('click', function (e) {
      if (bar.hasAttribute('data-open') && !bar.contains(e.target)) openMore(false);
    });
  }

  restoreLocal();
  counters();
  showCard();
  preview();
})();

// The home page's pins (/api/admin/home), for editors: make this article the
// lead (optionally until a time), add it to the top stories, or unpin it.
(function () {
  'use strict';
  var box = document.querySelector('[data-home-pins]');
  if (!box || !window.warta) return;
  var w = window.warta;
  var id = parseInt(box.getAttribute('data-id'), 10);
  var state = box.querySelector('[data-home-state]');
  function ids(list) { return list.map(function (p) { return p.id; }); }
  function show(home) {
    var text = box.getAttribute('data-label-none');
    if (home.lead && home.lead.id === id) {
      text = box.getAttribute('data-label-lead') + (home.lead.until ? ' (' + home.lead.until + ')' : '');
    } else if (ids(home.top).indexOf(id) >= 0) {
      text = box.getAttribute('data-label-top');
    }
    state.textContent = text;
  }
  function change(edit) {
    w.api('GET', '/api/admin/home').then(function (r) {
      if (!r.ok) { w.notice(w.errorText(r), 'error'); return; }
      var home = r.data;
      var lead = home.lead && home.lead.id !== id
        ? { id: home.lead.id, until: home.lead.until } : null;
      var top = ids(home.top).filter(function (t) { return t !== id; });
      var next = edit(lead, top);
      w.api('PUT', '/api/admin/home', next).then(function (r2) {
        if (!r2.ok) { w.notice(w.errorText(r2), 'error'); return; }
        w.notice('', '');
        show(r2.data);
      });
    });
  }
  box.addEventListener('click', function (e) {
    var b = e.target.closest('[data-pin]');
    if (!b) return;
    var what = b.getAttribute('data-pin');
    if (what === 'lead') {
      var until = box.querySelector('[name="lead_until"]').value;
      change(function (lead, top) {
        return { lead: { id: id, until: until || null }, top: top };
      });
    } else if (what === 'top') {
      change(function (lead, top) { top.push(id); return { lead: lead, top: top }; });
    } else {
      change(function (lead, top) { return { lead: lead, top: top }; });
    }
  });
  w.api('GET', '/api/admin/home').then(function (r) { if (r.ok) show(r.data); });
})();
