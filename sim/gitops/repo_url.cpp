#include "sim/gitops/repo_url.hpp"

#include <cctype>

namespace gs::gitops {

namespace {

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// user@host:path without a scheme (util/git/git.go IsSSHURL).
bool is_scp_like(const std::string& url) {
  const auto at = url.find('@');
  const auto colon = url.find(':');
  return url.find("://") == std::string::npos && at != std::string::npos && colon != std::string::npos && at < colon &&
         url.find('/') > colon;
}

}  // namespace

std::string normalize_repo_url(std::string_view url) {
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  std::string out;
  out.reserve(url.size());
  for (char c : url) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (is_scp_like(out)) out[out.find(':')] = '/';
  if (out.rfind("ssh://", 0) == 0) out.erase(0, 6);
  while (ends_with(out, "/")) out.pop_back();
  if (ends_with(out, ".git")) out.resize(out.size() - 4);
  while (ends_with(out, "/")) out.pop_back();
  return out;
}

bool same_repo_url(std::string_view a, std::string_view b) {
  const std::string na = normalize_repo_url(a), nb = normalize_repo_url(b);
  return !na.empty() && na == nb;
}

}  // namespace gs::gitops
