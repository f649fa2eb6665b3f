// fingerprint_cost: the near-duplicate fingerprint of real-sized articles
// timed on one thread, as a bulk import's worker computes it for every
// article (docs/benchmarks.md, "The commit's sync and the worker's
// allocations").
//   build/bench/fingerprint_cost FILE.jsonl [N]
// FILE: JSON lines with a "body" (bench/gen_articles.py); the first N
// (default 5000) are fingerprinted 5 times; prints the fastest pass in µs
// an article.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/near_duplicate.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fingerprint_cost FILE.jsonl [N]\n";
    return 2;
  }
  const std::size_t n = argc > 2 ? std::stoul(argv[2]) : 5000;
  std::ifstream in(argv[1]);
  std::vector<std::string> bodies;
  std::string line;
  while (bodies.size() < n && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("body") && j["body"].is_string())
      bodies.push_back(j["body"].get<std::string>());
  }
  if (bodies.empty()) {
    std::cerr << "no bodies in " << argv[1] << "\n";
    return 1;
  }
  double best = 1e300;
  std::size_t keep = 0;
  for (int pass = 0; pass < 5; ++pass) {
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& b : bodies)
      keep += warta::text::FingerprintOf(b).shingles.size();
    const std::chrono::duration<double, std::micro> took =
        std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count() / static_cast<double>(bodies.size()));
  }
  std::printf("%zu articles: %.2f us an article (fastest of 5; %zu)\n",
              bodies.size(), best, keep);
  return 0;
}
