// View: the view model a page handler computes and a theme template places.
// A JSON-like tree (nlohmann::json): objects, lists, strings, booleans and
// numbers. Templates only place values; everything shown is computed in C++.
#ifndef WARTA_RENDER_VIEW_H_
#define WARTA_RENDER_VIEW_H_

#include <nlohmann/json.hpp>

namespace warta::render {

using View = nlohmann::json;

}  // namespace warta::render

#endif  // WARTA_RENDER_VIEW_H_
