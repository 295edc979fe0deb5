#include "sim/world/event_json.hpp"

#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace gs::world {

namespace {

// nlohmann's dump of an ASCII string (ensure_ascii off): the same escapes.
void event_json_append_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 15];
          out += kHex[c & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

bool event_json_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// The general way (any bytes: invalid UTF-8 is replaced as nlohmann does).
std::string event_to_json_general(const Event& e) {
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

}  // namespace

// Every event of every run goes through here (the run's hash, --json, a
// recording), so the common case — ASCII text — is written directly, byte
// for byte as event_to_json_general writes it; anything else goes that way.
std::string event_to_json(const Event& e) {
  if (!event_json_ascii(e.type)) return event_to_json_general(e);
  // Keys in order; a repeated key keeps its first place and takes the last
  // value, as an ordered_json does.
  std::string_view keys[32];
  FieldValue values[32];
  std::size_t n = 0;
  for (auto [k, v] : e.fields) {  // by value: the fields are unpacked anyway, and moved below
    if (!event_json_ascii(k) || n == 32) return event_to_json_general(e);
    if (k == "t" || k == "type" || k == "id" || k == "cause") return event_to_json_general(e);
    if (const auto* str = std::get_if<std::string>(&v); str && !event_json_ascii(*str)) return event_to_json_general(e);
    std::size_t i = 0;
    while (i < n && keys[i] != k) ++i;
    keys[i] = k;
    values[i] = std::move(v);
    if (i == n) ++n;
  }
  std::string out;
  out.reserve(64 + e.type.size() + 32 * n);
  out += "{\"t\":";
  out += std::to_string(e.t.ms);
  out += ",\"type\":";
  event_json_append_string(out, e.type);
  out += ",\"id\":";
  out += std::to_string(e.id);
  out += ",\"cause\":";
  out += std::to_string(e.cause);
  for (std::size_t i = 0; i < n; ++i) {
    out += ',';
    event_json_append_string(out, keys[i]);
    out += ':';
    if (const auto* str = std::get_if<std::string>(&values[i])) {
      event_json_append_string(out, *str);
    } else if (const auto* num = std::get_if<std::int64_t>(&values[i])) {
      out += std::to_string(*num);
    } else {
      out += std::get<bool>(values[i]) ? "true" : "false";
    }
  }
  out += '}';
  return out;
}

std::string event_stream_hash(const std::vector<Event>& events) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  for (const auto& e : events) {
    const std::string line = event_to_json(e) + "\n";
    EVP_DigestUpdate(ctx.get(), line.data(), line.size());
  }
  return digest_hex(ctx.get());
}

std::string digest_hex(EVP_MD_CTX* ctx) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace gs::world
