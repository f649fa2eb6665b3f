// warta newsroom: shared behaviour of the admin pages. No dependencies.
// Every state-changing call carries the session's CSRF token.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';

  function api(method, url, body) {
    var opts = { method: method, credentials: 'same-origin', headers: {} };
    if (method !== 'GET') opts.headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) {
      if (body instanceof Blob) {
        opts.body = body;
        opts.headers['Content-Type'] = body.type || 'application/octet-stream';
      } else {
        opts.body = JSON.stringify(body);
        opts.headers['Content-Type'] = 'application/json';
      }
    }
    // Never rejects: an answer that cannot be read (the connection lost
    // mid-body, a proxy's page as JSON) is as if it never came, so callers
    // that wait for their request (the editor's save in flight) go on.
    var lost = function () {
      return { ok: false, status: 0, data: { error: 'offline', code: 'offline' } };
    };
    return fetch(url, opts).then(function (res) {
      var type = res.headers.get('Content-Type') || '';
      var read = type.indexOf('json') >= 0 ? res.json() : res.text();
      return read.then(function (data) {
        return { ok: res.ok, status: res.status, data: data };
      }, lost);
    }, lost);
  }

  function notice(text, kind) {
    var el = document.querySelector('[data-notice]');
    if (!el) return;
    el.textContent = text;
    el.className = 'notice' + (kind ? ' ' + kind : '');
    el.hidden = !text;
  }

  // API errors in the page's language: the response's stable code names
  // error_CODE in the strings the page carries; its params fill {name}
  // (a field by its label). Unknown codes fall back to the server's text.
  var strings = {};
  try {
    var block = document.getElementById('warta-strings');
    if (block) strings = JSON.parse(block.textContent) || {};
  } catch (e) { strings = {}; }
  function translate(code, params) {
    var text = strings['error_' + code];
    if (typeof text !== 'string') return null;
    params = params || {};
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      if (!(name in params)) return all;
      var value = String(params[name]);
      if (name === 'field' && typeof strings['field_' + value] === 'string') return strings['field_' + value];
      return value;
    });
  }
  function errorText(r) {
    var d = r.data;
    if (r.status === 0) return translate('offline') || 'offline';
    if (d && typeof d === 'object' && d.code) {
      var t = translate(d.code, d.params);
      if (t) return t;
    }
    if (d && d.error) return d.error;
    if (r.status >= 500) return translate('internal') || 'HTTP ' + r.status;
    return 'HTTP ' + r.status;
  }

  // Form fields as JSON; checkboxes sharing a name become a list.
  function formJson(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if (el.type === 'checkbox') {
        out[el.name] = out[el.name] || [];
        if (el.checked) out[el.name].push(el.value);
      } else if (el.type !== 'submit' && el.type !== 'button' && el.type !== 'file') {
        out[el.name] = el.value;
      }
    });
    return out;
  }

  function after(el, r) {
    if (!r.ok) { notice(errorText(r), 'error'); return; }
    if (el.hasAttribute('data-goto')) { location.href = el.getAttribute('data-goto'); return; }
    if (el.hasAttribute('data-reload')) { location.reload(); return; }
    notice(el.getAttribute('data-done') || 'OK', 'ok');
  }

  // Actions that change what readers see, or cannot be undone, ask first.
  function confirmed(el) {
    var text = el.getAttribute('data-confirm');
    return !text || window.confirm(text);
  }

  function call(spec, body) {
    var i = spec.indexOf(' ');
    return api(spec.slice(0, i), spec.slice(i + 1), body);
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.hasAttribute('data-login') || form.hasAttribute('data-setup')) {
      e.preventDefault();
      var err = form.querySelector('[data-error]');
      var url = form.hasAttribute('data-login') ? '/api/admin/session' : '/api/admin/setup';
      api('POST', url, formJson(form)).then(function (r) {
        if (r.ok) { location.href = form.getAttribute('data-next') || '/admin/articles'; return; }
        err.textContent = errorText(r) + (r.status === 429 ? '' : '');
        err.hidden = false;
      });
      return;
    }
    if (form.hasAttribute('data-api')) {
      e.preventDefault();
      if (!confirmed(form)) return;
      call(form.getAttribute('data-api'), formJson(form)).then(function (r) {
        if (r.ok && form.hasAttribute('data-show-token')) {
          var out = form.querySelector('[data-token-out]');
          form.querySelector('[data-token-value]').textContent = r.data.token;
          out.hidden = false;
          return;
        }
        after(form, r);
      });
    }
  });

  document.addEventListener('click', function (e) {
    var el = e.target.closest('button');
    if (!el) return;
    if (el.hasAttribute('data-logout')) {
      api('DELETE', '/api/admin/session').then(function () { location.href = '/admin/login'; });
    } else if (el.hasAttribute('data-lang')) {
      document.cookie = 'warta_lang=' + el.getAttribute('data-lang') +
        '; path=/; max-age=31536000; SameSite=Lax';
      location.reload();
    } else if (el.hasAttribute('data-api') && el.type === 'button') {
      if (!confirmed(el)) return;
      var body = el.hasAttribute('data-body') ? JSON.parse(el.getAttribute('data-body')) : undefined;
      call(el.getAttribute('data-api'), body).then(function (r) { after(el, r); });
    }
  });

  window.warta = { api: api, notice: notice, errorText: errorText, formJson: formJson };
})();
