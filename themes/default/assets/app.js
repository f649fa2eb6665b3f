// warta: the only script on public pages. Copies an article's link to the
// clipboard; without JavaScript the "copy link" entry is a plain link.
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand("copy") ? resolve() : reject();
      } catch (e) {
        reject(e);
      } finally {
        document.body.removeChild(area);
      }
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-copy-link]");
    if (!link) return;
    event.preventDefault();
    var original = link.textContent;
    copy(link.getAttribute("data-copy-link")).then(function () {
      link.textContent = link.getAttribute("data-copied") || original;
      link.setAttribute("aria-live", "polite");
      setTimeout(function () { link.textContent = original; }, 2500);
    }, function () {
      window.prompt(original, link.getAttribute("data-copy-link"));
    });
  });
  // Behind a caching CDN (site.view_beacon): one view per page shown, sent
  // to the site itself; no cookie, nothing about the reader. Not for
  // prerendered pages until they are shown.
  var beacon = document.querySelector("[data-view-beacon]");
  if (beacon && navigator.sendBeacon) {
    var send = function () {
      navigator.sendBeacon(beacon.getAttribute("data-view-beacon"));
    };
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", send, { once: true });
    } else {
      send();
    }
  }
})();
