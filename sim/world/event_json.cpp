#include "sim/world/event_json.hpp"

#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace gs::world {

std::string event_to_json(const Event& e) {
  nlohmann::ordered_json j;
  j["t"] = e.t.ms;
  j["type"] = e.type;
  j["id"] = e.id;
  j["cause"] = e.cause;
  for (const auto& [k, v] : e.fields) {
    std::visit([&](const auto& x) { j[std::string(k)] = x; }, v);
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string event_stream_hash(const std::vector<Event>& events) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  for (const auto& e : events) {
    const std::string line = event_to_json(e) + "\n";
    EVP_DigestUpdate(ctx.get(), line.data(), line.size());
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace gs::world
