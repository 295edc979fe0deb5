// Seeded randomness of our own (no std::*_distribution, whose output differs
// between standard libraries). One seed names a whole run; subsystems take
// named streams with fork("cluster/dev/pods") so adding a draw in one
// subsystem never shifts the numbers another one sees.
#pragma once

#include <cstdint>
#include <string_view>

namespace gs {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // An independent stream derived from this generator's seed and a name.
  // Does not advance this generator.
  Rng fork(std::string_view name) const;

  std::uint64_t next_u64();
  // Uniform integer in [0, bound) without modulo bias; bound 0 returns 0.
  std::uint64_t below(std::uint64_t bound);
  // Uniform integer in [lo, hi] inclusive.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  // True with probability num/den, an integer ratio.
  bool chance(std::uint64_t num, std::uint64_t den);

  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t s_[4];  // xoshiro256** state
};

// FNV-1a 64-bit: stable hashing of names for stream derivation and ids.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t basis = 0xcbf29ce484222325ULL);

}  // namespace gs
