# Third-party libraries, all from Debian 12 packages (scripts/install-deps lists them).
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
include(GoogleTest)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET libbrotlienc libbrotlidec)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c)
pkg_check_modules(VIPS REQUIRED IMPORTED_TARGET vips)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 QUIET)
find_library(STEMMER_LIB stemmer REQUIRED)
find_path(STEMMER_INCLUDE libstemmer.h REQUIRED)
find_path(MUSTACHE_INCLUDE kainjow/mustache.hpp REQUIRED)
find_package(benchmark QUIET)

# The PostgreSQL store backend (src/store/postgres) needs libpq (libpq-dev).
# Without it warta still builds; `--store postgresql://...` then says so.
option(WARTA_POSTGRES "Build the PostgreSQL store backend (libpq)" ON)
if(WARTA_POSTGRES)
  pkg_check_modules(LIBPQ IMPORTED_TARGET libpq)
  if(NOT LIBPQ_FOUND)
    message(WARNING "libpq not found: building without the PostgreSQL store")
    set(WARTA_POSTGRES OFF)
  endif()
endif()

# The allocator of the warta binary (docs/benchmarks.md, "The allocator"):
# with glibc's malloc a 100k import spent ~20% of its worker's samples in
# malloc and free (self time). Tests and benchmarks link glibc's; sanitizer builds must
# (they replace malloc themselves). `system` keeps glibc's for warta too.
set(WARTA_MALLOC "tcmalloc" CACHE STRING
    "Allocator of the warta binary: tcmalloc, jemalloc or system")
set(WARTA_MALLOC_LIBS)
if(NOT WARTA_SANITIZE AND NOT WARTA_SANITIZE_THREAD)
  if(WARTA_MALLOC STREQUAL "tcmalloc")
    # libgoogle-perftools-dev: gperftools' tcmalloc without its profilers.
    find_library(TCMALLOC_LIB tcmalloc_minimal REQUIRED)
    set(WARTA_MALLOC_LIBS ${TCMALLOC_LIB})
  elseif(WARTA_MALLOC STREQUAL "jemalloc")
    find_library(JEMALLOC_LIB jemalloc REQUIRED)  # libjemalloc-dev
    set(WARTA_MALLOC_LIBS ${JEMALLOC_LIB})
  elseif(NOT WARTA_MALLOC STREQUAL "system")
    message(FATAL_ERROR "WARTA_MALLOC: tcmalloc, jemalloc or system, not ${WARTA_MALLOC}")
  endif()
endif()
