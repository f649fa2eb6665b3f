// StoreOf: for the small structs of store interfaces that modules take
// (Newsroom::Stores, site::SiteStores, ...): `StoreOf<S, A, B>` holds when S
// implements every interface listed, as the whole Store does, so such a
// struct can be built from one object while a module sees only its parts.
#ifndef WARTA_STORE_STORE_OF_H_
#define WARTA_STORE_STORE_OF_H_

#include <type_traits>

namespace warta {

template <typename S, typename... Interfaces>
concept StoreOf = (std::is_base_of_v<Interfaces, S> && ...);

}  // namespace warta

#endif  // WARTA_STORE_STORE_OF_H_
