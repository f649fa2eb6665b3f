// Embeds without third-party requests on page load: a paragraph holding only
// the URL of a YouTube video, an X (Twitter) post, an Instagram post or reel
// or a TikTok video becomes a placeholder <figure> (provider, link) that the
// theme's script (themes/default/assets/app.js) turns into the provider's
// player, an <iframe>, only when the reader clicks its button. Recognition is
// strict: only the URL shapes below, ids of the provider's own alphabet, so
// nothing of the author's text reaches an attribute but the ids. Pure
// functions, thread-safe. The list is documented in docs/writing.md.
#ifndef WARTA_MARKUP_EMBED_H_
#define WARTA_MARKUP_EMBED_H_

#include <optional>
#include <string>
#include <string_view>

namespace warta::markup {

struct Embed {
  std::string provider;  // "youtube", "x", "instagram", "tiktok"
  std::string name;      // "YouTube", "X", "Instagram", "TikTok"
  std::string id;        // video, post or reel id
  std::string link;      // canonical page on the provider (https)
  std::string player;    // what the click loads in an <iframe> (https)
};

// Recognizes (scheme http or https, optional "www."/"m."; any query or
// fragment is dropped except YouTube's v=):
//   youtube.com/watch?v=ID, youtu.be/ID, youtube.com/shorts/ID,
//   youtube.com/embed/ID, youtube.com/live/ID  (ID: 11 of [A-Za-z0-9_-])
//   x.com/USER/status/ID, twitter.com/USER/status/ID  (ID: 1-20 digits;
//   USER: 1-15 of [A-Za-z0-9_])
//   instagram.com/p/CODE, instagram.com/reel/CODE  (CODE: 5-40 of
//   [A-Za-z0-9_-])
//   tiktok.com/@USER/video/ID  (ID: 1-20 digits; USER: 1-24 of
//   [A-Za-z0-9_.])
// Anything else (another host, a longer path, a bad id) gives nullopt.
std::optional<Embed> RecognizeEmbed(std::string_view url);

// The placeholder: <figure class="embed embed-PROVIDER" data-embed-src=
// PLAYER data-embed-provider=NAME> with a note and a link to the post,
// no third-party URL but in data-embed-src and the link. Ends in "\n".
std::string EmbedHtml(const Embed& embed);

}  // namespace warta::markup

#endif  // WARTA_MARKUP_EMBED_H_
