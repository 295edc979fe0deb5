// Events as JSON Lines — the `--json` output and the input of the run hash:
// {"t":ms,"type":...,"id":n,"cause":n, subject fields in their order}.
#pragma once

#include <string>
#include <vector>

#include "sim/core/event.hpp"

struct evp_md_ctx_st;

namespace gs::world {

std::string event_to_json(const Event& e);
// SHA-256 (hex) of every event's JSON line, each followed by '\n'.
std::string event_stream_hash(const std::vector<Event>& events);

// Finishes a SHA-256 (OpenSSL EVP) context: its digest as lowercase hex.
std::string digest_hex(evp_md_ctx_st* ctx);

}  // namespace gs::world
