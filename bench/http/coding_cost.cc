// What each content coding of a page costs, with the server's own coders
// (http/compression.h) and the levels the page cache uses (gzip 6,
// brotli 5) beside gzip 1 (docs/benchmarks.md, "Search pages that cost what
// they show": whether a cold render should answer gzip and make brotli
// later):
//   build/bench/coding_cost PAGE.html [RUNS]
// Prints the microseconds per compression (the mean of RUNS, 200) and the
// output size of each.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "http/compression.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: coding_cost PAGE.html [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string page = ss.str();
  const int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  auto time = [&](const char* name,
                  const std::function<std::string(std::string_view)>& code) {
    std::size_t size = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < runs; ++i) size = code(page).size();
    auto t1 = std::chrono::steady_clock::now();
    double us = std::chrono::duration<double, std::micro>(t1 - t0).count();
    std::printf("%-10s %7.0f us  %7zu bytes\n", name, us / runs, size);
  };
  std::printf("%s: %zu bytes, %d runs each\n", argv[1], page.size(), runs);
  time("gzip 1",
       [](std::string_view d) { return warta::http::GzipCompress(d, 1); });
  time("gzip 6",
       [](std::string_view d) { return warta::http::GzipCompress(d, 6); });
  time("brotli 5",
       [](std::string_view d) { return warta::http::BrotliCompress(d, 5); });
  return 0;
}
