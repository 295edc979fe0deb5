// How a plain (unquoted) YAML scalar resolves to a tag, and the canonical text
// each tag prints with, following go-yaml v3 (what kustomize and kubectl use):
// YAML 1.2 core schema plus go-yaml's extras (Go integer syntax, `_` digit
// separators, 0777 octals). Shared by the loader and the printer, which must
// agree on when a string needs quotes. Internal to sim/model.
#pragma once

#include <string>
#include <string_view>

#include "sim/model/node.hpp"

namespace gs::model::detail {

struct Resolved {
  ScalarTag tag = ScalarTag::Str;
  std::string text;  // canonical text (decimal ints, Go-formatted floats)
};

// Resolves a plain scalar as go-yaml v3 would, then normalises numbers the way
// kustomize's JSON round trip does (0x1F -> 31, 1.0 -> 1, 1e-7 -> 1e-07).
// Plain dates (2001-12-14) become strings "2001-12-14T00:00:00Z", as there.
Resolved resolve_plain(std::string_view text);

// Parses text as an explicit !!int / !!float; false when it is not one.
bool canonical_int(std::string_view text, Resolved& out);
bool canonical_float(std::string_view text, Resolved& out);

// True when a string must be quoted to stay a string when read back: it
// resolves to another tag, or is a YAML 1.1 bool (yes/on/y...) or sexagesimal
// number, which go-yaml quotes for older readers.
bool plain_is_ambiguous(std::string_view text);

// go-yaml v3's map key order (keyList.Less): runs of digits compare as
// numbers, non-letters sort before letters. kubectl/kustomize print maps so.
// Unlike Go, a run of more than 19 digits does not wrap around: the order
// stays a strict weak order (sorting the same keys in any input order gives
// one result).
bool go_key_less(std::string_view a, std::string_view b);

// UTF-8 helpers. decode_utf8 returns the code point and sets len (>= 1); on an
// invalid sequence returns -1 with len = 1.
long decode_utf8(std::string_view s, std::size_t i, int& len);
bool valid_utf8(std::string_view s);

}  // namespace gs::model::detail
