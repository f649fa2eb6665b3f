// warta: the only script on public pages. Copies an article's link to the
// clipboard; without JavaScript the "copy link" entry is a plain link.
// Turns embed placeholders into the provider's player on a click.
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
  // Embeds (markup/embed.h, docs/writing.md): a placeholder until the
  // reader asks; only then does the provider's player load, in an iframe.
  var embedHosts = /^https:\/\/(www\.youtube-nocookie\.com|platform\.twitter\.com|www\.instagram\.com|www\.tiktok\.com)\//;
  var english = document.documentElement.lang === "en";
  var embeds = document.querySelectorAll("figure[data-embed-src]");
  for (var i = 0; i < embeds.length; i++) {
    var button = embeds[i].querySelector(".embed-load");
    var provider = embeds[i].getAttribute("data-embed-provider");
    if (!button || !embedHosts.test(embeds[i].getAttribute("data-embed-src"))) continue;
    button.textContent = english ? "Load the " + provider + " content"
                                 : "Tampilkan konten " + provider;
    button.setAttribute("title", english
        ? "Loads content from " + provider + ", which may set cookies"
        : "Memuat konten dari " + provider + ", yang mungkin memasang cookie");
    button.hidden = false;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".embed-load");
    var figure = button && button.closest("figure[data-embed-src]");
    if (!figure) return;
    var src = figure.getAttribute("data-embed-src");
    if (!embedHosts.test(src)) return;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = figure.getAttribute("data-embed-provider") + ": " +
        (figure.querySelector(".embed-link") || {}).textContent;
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "embed-frame";
    figure.replaceChild(frame, button);
    figure.classList.add("embed-loaded");
    frame.focus();
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
