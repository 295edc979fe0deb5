#include "sim/git/repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/git/repository_impl.hpp"

namespace gs::git {

using detail::Buf;
using detail::CommitPtr;
using detail::lib_error;
using detail::to_hex;
using detail::TreePtr;

namespace detail {

std::string to_hex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return std::string(buf, GIT_OID_HEXSZ);
}

Error lib_error(std::string_view what) {
  const git_error* e = git_error_last();
  return Error(fmt::format("{}: {}", what, e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error"));
}

}  // namespace detail

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// git normalises messages the way `git commit -m` does (cleanup=whitespace):
// no trailing spaces, no leading/trailing blank lines, one final "\n".
Result<std::string> prettify(std::string_view message) {
  const std::string raw(message);
  Buf buf;
  if (git_message_prettify(buf.get(), raw.c_str(), 0, '#') < 0) return lib_error("commit message");
  if (buf.view().empty()) return Error("empty commit message");
  return std::string(buf.view());
}

// git's subject for `Revert "..."`: the first line of the message after any
// blank lines (find_commit_subject in git's commit.c), not libgit2's
// git_commit_summary, which joins the whole first paragraph.
std::string subject_of(std::string_view message) {
  while (!message.empty() && message.front() == '\n') message.remove_prefix(1);
  return std::string(message.substr(0, message.find('\n')));
}

// A ref under refs/heads or refs/tags may not be a directory prefix of
// another one there (refs/heads/a and refs/heads/a/b cannot both exist).
template <class Map>
std::optional<std::string> ref_prefix_clash(const Map& refs, std::string_view name) {
  for (const auto& [existing, oid] : refs) {
    const std::string_view e = existing;
    if ((e.size() > name.size() && e.substr(0, name.size()) == name && e[name.size()] == '/') ||
        (name.size() > e.size() && name.substr(0, e.size()) == e && name[e.size()] == '/')) {
      return existing;
    }
  }
  return std::nullopt;
}

Status check_branch_name(std::string_view name) {
  const std::string n(name);
  int valid = 0;
  if (name.empty() || git_branch_name_is_valid(&valid, n.c_str()) < 0 || valid == 0) {
    return Error(fmt::format("invalid branch name '{}'", name));
  }
  return {};
}

Status check_tag_name(std::string_view name) {
  const std::string ref = "refs/tags/" + std::string(name);
  int valid = 0;
  if (name.empty() || name.front() == '-' || git_reference_name_is_valid(&valid, ref.c_str()) < 0 || valid == 0) {
    return Error(fmt::format("invalid tag name '{}'", name));
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------
// Signatures and paths

Result<Signature> parse_signature(std::string_view text) {
  const std::string_view t = trim(text);
  const auto lt = t.find('<');
  if (lt == std::string_view::npos || t.empty() || t.back() != '>') {
    return Error(fmt::format("signature '{}' is not of the form 'Name <email>'", text));
  }
  Signature sig{std::string(trim(t.substr(0, lt))), std::string(trim(t.substr(lt + 1, t.size() - lt - 2)))};
  if (sig.name.empty()) return Error(fmt::format("signature '{}' has an empty name", text));
  if (sig.email.empty()) return Error(fmt::format("signature '{}' has an empty email", text));
  for (const std::string* part : {&sig.name, &sig.email}) {
    if (part->find_first_of("<>\n") != std::string::npos) {
      return Error(fmt::format("signature '{}' is not of the form 'Name <email>'", text));
    }
  }
  return sig;
}

std::string format_signature(const Signature& sig) { return fmt::format("{} <{}>", sig.name, sig.email); }

Status validate_path(std::string_view path) {
  if (path.empty()) return Error("empty path");
  if (path.front() == '/') return Error(fmt::format("path '{}' is absolute", path));
  if (path.find('\\') != std::string_view::npos) return Error(fmt::format("path '{}' contains a backslash", path));
  if (path.find('\0') != std::string_view::npos) return Error(fmt::format("path '{}' contains a NUL byte", path));
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view part = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
    if (part.empty()) return Error(fmt::format("path '{}' has an empty component", path));
    if (part == "." || part == "..") return Error(fmt::format("path '{}' contains '{}'", path, part));
    // Case-insensitive, as git's verify_path does on every platform.
    if (iequals(part, ".git")) return Error(fmt::format("path '{}' contains '.git'", path));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return {};
}

// ---------------------------------------------------------------------------
// Impl: lookups

Result<CommitPtr> Repository::Impl::lookup_commit(const git_oid& id) const {
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, repo.get(), &id) < 0) return lib_error(fmt::format("commit {}", to_hex(id)));
  return CommitPtr(c);
}

Result<TreePtr> Repository::Impl::lookup_tree(const git_oid& id) const {
  git_tree* t = nullptr;
  if (git_tree_lookup(&t, repo.get(), &id) < 0) return lib_error(fmt::format("tree {}", to_hex(id)));
  return TreePtr(t);
}

Result<TreePtr> Repository::Impl::tree_of(std::string_view rev) const {
  auto id = resolve(rev);
  if (!id) return id.error();
  auto commit = lookup_commit(*id);
  if (!commit) return commit.error();
  git_tree* t = nullptr;
  if (git_commit_tree(&t, commit->get()) < 0) return lib_error(fmt::format("tree of {}", rev));
  return TreePtr(t);
}

Result<git_oid> Repository::Impl::empty_tree() {
  git_treebuilder* b = nullptr;
  if (git_treebuilder_new(&b, repo.get(), nullptr) < 0) return lib_error("empty tree");
  detail::TreeBuilderPtr bld(b);
  git_oid id;
  if (git_treebuilder_write(&id, bld.get()) < 0) return lib_error("empty tree");
  return id;
}

std::string Repository::Impl::default_branch() const {
  if (branches.count("main") != 0 || branches.empty()) return "main";
  return branches.begin()->first;
}

// rev = base ( '~' [N] | '^' [N] )*, base = branch | tag | HEAD | sha | prefix.
Result<git_oid> Repository::Impl::resolve(std::string_view rev) const {
  if (rev.empty()) return Error("empty revision");
  const std::size_t op = rev.find_first_of("~^");
  const std::string_view base = rev.substr(0, op);
  git_oid id;
  bool found = false;
  if (base == "HEAD") {
    auto it = branches.find(default_branch());
    if (it == branches.end()) return Error(fmt::format("revision '{}': HEAD has no commits yet", rev));
    id = it->second;
    found = true;
  } else if (auto b = branches.find(base); b != branches.end()) {
    id = b->second;
    found = true;
  } else if (auto t = tags.find(base); t != tags.end()) {
    auto peeled = peel(t->second);
    if (!peeled) return peeled.error();
    id = *peeled;
    found = true;
  } else if (base.size() >= 4 && base.size() <= GIT_OID_HEXSZ && is_hex(base)) {
    std::string prefix(base);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = commit_shas.lower_bound(prefix);
    if (it != commit_shas.end() && it->compare(0, prefix.size(), prefix) == 0) {
      auto next = std::next(it);
      if (next != commit_shas.end() && next->compare(0, prefix.size(), prefix) == 0) {
        return Error(fmt::format("short SHA '{}' is ambiguous", base));
      }
      git_oid_fromstr(&id, it->c_str());
      found = true;
    }
  }
  if (!found) {
    return Error(fmt::format("unknown revision '{}': not a branch, tag or commit of {}", base, name));
  }
  // Ancestry steps, as in git's `main~2` and `HEAD^2`.
  std::size_t i = op;
  while (i != std::string_view::npos && i < rev.size()) {
    const char kind = rev[i++];
    std::size_t j = i;
    while (j < rev.size() && std::isdigit(static_cast<unsigned char>(rev[j]))) ++j;
    if (j - i > 6 || (j < rev.size() && rev[j] != '~' && rev[j] != '^')) {
      return Error(fmt::format("bad revision '{}'", rev));
    }
    const unsigned n = j == i ? 1U : static_cast<unsigned>(std::stoul(std::string(rev.substr(i, j - i))));
    i = j;
    if (kind == '^') {
      if (n == 0) continue;
      auto c = lookup_commit(id);
      if (!c) return c.error();
      if (git_commit_parentcount(c->get()) < n) return Error(fmt::format("revision '{}': no parent {}", rev, n));
      id = *git_commit_parent_id(c->get(), n - 1);
    } else {
      for (unsigned k = 0; k < n; ++k) {
        auto c = lookup_commit(id);
        if (!c) return c.error();
        if (git_commit_parentcount(c->get()) == 0) {
          return Error(fmt::format("revision '{}' goes back past the root commit", rev));
        }
        id = *git_commit_parent_id(c->get(), 0);
      }
    }
  }
  return id;
}

Result<git_oid> Repository::Impl::peel(const git_oid& id) const {
  git_object* obj = nullptr;
  if (git_object_lookup(&obj, repo.get(), &id, GIT_OBJECT_ANY) < 0) return lib_error(fmt::format("object {}", to_hex(id)));
  detail::ObjectPtr object(obj);
  if (git_object_type(object.get()) != GIT_OBJECT_TAG) return id;
  return *git_tag_target_id(reinterpret_cast<const git_tag*>(object.get()));
}

CommitInfo Repository::Impl::info(const git_commit* commit) const {
  CommitInfo ci;
  ci.sha = to_hex(*git_commit_id(commit));
  for (unsigned i = 0; i < git_commit_parentcount(commit); ++i) ci.parents.push_back(to_hex(*git_commit_parent_id(commit, i)));
  const git_signature* a = git_commit_author(commit);
  ci.author = Signature{a->name, a->email};
  ci.time_s = a->when.time;
  const char* msg = git_commit_message(commit);
  ci.message = msg != nullptr ? msg : "";
  return ci;
}

// ---------------------------------------------------------------------------
// Impl: writing

Result<std::optional<git_oid>> Repository::Impl::build_tree(const git_oid* base, const std::vector<Change>& changes,
                                                            const std::string& prefix) {
  TreePtr base_tree;
  if (base != nullptr) {
    auto t = lookup_tree(*base);
    if (!t) return t.error();
    base_tree = std::move(*t);
  }
  git_treebuilder* b = nullptr;
  if (git_treebuilder_new(&b, repo.get(), base_tree.get()) < 0) return lib_error("tree builder");
  detail::TreeBuilderPtr bld(b);

  // Changes grouped by their first component; a name may have a direct
  // change (the file itself) and nested ones (paths below it).
  struct Group {
    const Change* direct = nullptr;
    std::vector<Change> nested;
  };
  std::map<std::string_view, Group> groups;
  for (const Change& c : changes) {
    const std::size_t slash = c.rest.find('/');
    if (slash == std::string_view::npos) {
      groups[c.rest].direct = &c;
    } else {
      groups[c.rest.substr(0, slash)].nested.push_back(Change{c.rest.substr(slash + 1), c.content, c.full});
    }
  }

  for (const auto& [name_view, group] : groups) {
    const std::string entry_name(name_view);
    const std::string here = prefix + entry_name;
    const git_tree_entry* existing = git_treebuilder_get(bld.get(), entry_name.c_str());
    bool existing_is_dir = existing != nullptr && git_tree_entry_type(existing) == GIT_OBJECT_TREE;
    if (group.direct != nullptr) {
      const std::optional<std::string>& content = *group.direct->content;
      if (content) {
        if (!group.nested.empty()) {
          return Error(fmt::format("path '{}' is both a file and a directory in one commit", here));
        }
        if (existing_is_dir) return Error(fmt::format("cannot write file '{}': it is a directory", here));
        git_oid blob;
        if (git_blob_create_from_buffer(&blob, repo.get(), content->data(), content->size()) < 0) {
          return lib_error(fmt::format("write '{}'", here));
        }
        if (git_treebuilder_insert(nullptr, bld.get(), entry_name.c_str(), &blob, GIT_FILEMODE_BLOB) < 0) {
          return lib_error(fmt::format("write '{}'", here));
        }
        continue;
      }
      if (existing == nullptr) return Error(fmt::format("cannot delete '{}': no such file", here));
      if (existing_is_dir) return Error(fmt::format("cannot delete '{}': it is a directory", here));
      if (git_treebuilder_remove(bld.get(), entry_name.c_str()) < 0) return lib_error(fmt::format("delete '{}'", here));
      if (group.nested.empty()) continue;
      existing = nullptr;  // a file replaced by a directory of the same name
      existing_is_dir = false;
    }
    if (existing != nullptr && !existing_is_dir) {
      return Error(fmt::format("cannot write '{}': '{}' is a file", group.nested.front().full, here));
    }
    git_oid sub_base;
    if (existing != nullptr) git_oid_cpy(&sub_base, git_tree_entry_id(existing));  // copy: inserts invalidate entries
    auto sub = build_tree(existing != nullptr ? &sub_base : nullptr, group.nested, here + "/");
    if (!sub) return sub.error();
    if (!*sub) {
      // git stores no empty directories: the last file deleted removes it.
      if (existing != nullptr && git_treebuilder_remove(bld.get(), entry_name.c_str()) < 0) {
        return lib_error(fmt::format("delete '{}'", here));
      }
    } else if (git_treebuilder_insert(nullptr, bld.get(), entry_name.c_str(), &**sub, GIT_FILEMODE_TREE) < 0) {
      return lib_error(fmt::format("write '{}'", here));
    }
  }

  if (git_treebuilder_entrycount(bld.get()) == 0) return std::optional<git_oid>{};
  git_oid out;
  if (git_treebuilder_write(&out, bld.get()) < 0) return lib_error("write tree");
  return std::optional<git_oid>{out};
}

Result<git_oid> Repository::Impl::write_commit(const git_oid& tree, const std::vector<git_oid>& parents,
                                               const Signature& author, std::int64_t time_s,
                                               const std::string& message) {
  git_signature* s = nullptr;
  // Offset 0: the simulation clock is UTC, so every commit says +0000.
  if (git_signature_new(&s, author.name.c_str(), author.email.c_str(), time_s, 0) < 0) {
    return lib_error(fmt::format("author '{}'", format_signature(author)));
  }
  detail::SignaturePtr sig(s);
  std::vector<const git_oid*> parent_ptrs;
  parent_ptrs.reserve(parents.size());
  for (const git_oid& p : parents) parent_ptrs.push_back(&p);
  git_oid id;
  if (git_commit_create_from_ids(&id, repo.get(), nullptr, sig.get(), sig.get(), nullptr, message.c_str(), &tree,
                                 parent_ptrs.size(), parent_ptrs.data()) < 0) {
    return lib_error("write commit");
  }
  commit_shas.insert(to_hex(id));
  return id;
}

Result<git_oid> Repository::Impl::write_index_tree(git_index* index, std::string_view what) {
  if (git_index_has_conflicts(index) != 0) {
    std::set<std::string> paths;
    git_index_conflict_iterator* it = nullptr;
    if (git_index_conflict_iterator_new(&it, index) < 0) return lib_error(what);
    detail::IndexConflictIteratorPtr iter(it);
    const git_index_entry* ancestor = nullptr;
    const git_index_entry* ours = nullptr;
    const git_index_entry* theirs = nullptr;
    while (git_index_conflict_next(&ancestor, &ours, &theirs, iter.get()) == 0) {
      const git_index_entry* e = ours != nullptr ? ours : theirs != nullptr ? theirs : ancestor;
      if (e != nullptr) paths.insert(e->path);
    }
    std::string list;
    for (const std::string& p : paths) list += (list.empty() ? "" : ", ") + p;
    return Error(fmt::format("{}: conflict in {}", what, list));
  }
  git_oid tree;
  if (git_index_write_tree_to(&tree, index, repo.get()) < 0) return lib_error(what);
  return tree;
}

// ---------------------------------------------------------------------------
// Repository

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

Result<Repository> Repository::create(std::string name) {
  auto impl = std::make_unique<Impl>();
  if (!impl->lib.ok()) return lib_error("libgit2 init");
  impl->name = std::move(name);

  git_odb* odb = nullptr;
  if (git_odb_new(&odb) < 0) return lib_error("new object database");
  impl->odb.reset(odb);
  git_odb_backend* mempack = nullptr;
  if (git_mempack_new(&mempack) < 0) return lib_error("mempack backend");
  if (git_odb_add_backend(odb, mempack, 1) < 0) {
    mempack->free(mempack);  // not yet owned by the odb
    return lib_error("mempack backend");
  }
  git_repository* repo = nullptr;
  if (git_repository_wrap_odb(&repo, odb) < 0) return lib_error("wrap object database");
  impl->repo.reset(repo);

  // Without a config of its own, a path-less repository would load the
  // user's global and system git config (merge.renames, diff.* ...), and the
  // simulation must not depend on the machine it runs on.
  git_config* cfg = nullptr;
  if (git_config_new(&cfg) < 0) return lib_error("empty config");
  detail::ConfigPtr config(cfg);
  if (git_repository_set_config(repo, cfg) < 0) return lib_error("empty config");
  return Repository(std::move(impl));
}

const std::string& Repository::name() const { return impl_->name; }

std::string Repository::default_branch() const { return impl_->default_branch(); }

Result<std::string> Repository::commit(std::string_view branch,
                                       const std::map<std::string, std::optional<std::string>>& files,
                                       const Signature& author, std::string_view message, std::int64_t time_s,
                                       std::optional<std::string_view> from) {
  Impl& im = *impl_;
  auto msg = prettify(message);
  if (!msg) return msg.error();
  for (const auto& [path, content] : files) {
    if (auto ok = validate_path(path); !ok) return ok.error();
  }

  std::optional<git_oid> parent;
  if (auto it = im.branches.find(branch); it != im.branches.end()) {
    parent = it->second;
  } else {
    if (auto ok = check_branch_name(branch); !ok) return ok.error();
    if (auto clash = ref_prefix_clash(im.branches, branch)) {
      return Error(fmt::format("cannot create branch '{}': branch '{}' exists", branch, *clash));
    }
    if (from) {
      auto id = im.resolve(*from);
      if (!id) return id.error();
      parent = *id;
    }
  }

  git_oid base_tree;
  if (parent) {
    auto c = im.lookup_commit(*parent);
    if (!c) return c.error();
    base_tree = *git_commit_tree_id(c->get());
  }
  std::vector<Impl::Change> changes;
  changes.reserve(files.size());
  for (const auto& [path, content] : files) changes.push_back(Impl::Change{path, &content, path});
  auto tree = im.build_tree(parent ? &base_tree : nullptr, changes, "");
  if (!tree) return tree.error();
  git_oid new_tree;
  if (*tree) {
    new_tree = **tree;
  } else {
    auto empty = im.empty_tree();
    if (!empty) return empty.error();
    new_tree = *empty;
  }
  if (parent ? git_oid_equal(&new_tree, &base_tree) != 0 : !*tree) {
    return Error(fmt::format("nothing to commit on branch '{}'", branch));
  }

  std::vector<git_oid> parents;
  if (parent) parents.push_back(*parent);
  auto id = im.write_commit(new_tree, parents, author, time_s, *msg);
  if (!id) return id.error();
  im.branches.insert_or_assign(std::string(branch), *id);
  return to_hex(*id);
}

Status Repository::create_branch(std::string_view name, std::string_view from_rev) {
  Impl& im = *impl_;
  if (auto ok = check_branch_name(name); !ok) return ok;
  if (im.branches.find(name) != im.branches.end()) return Error(fmt::format("branch '{}' already exists", name));
  if (auto clash = ref_prefix_clash(im.branches, name)) {
    return Error(fmt::format("cannot create branch '{}': branch '{}' exists", name, *clash));
  }
  auto id = im.resolve(from_rev);
  if (!id) return id.error();
  im.branches.emplace(std::string(name), *id);
  return {};
}

Status Repository::create_tag(std::string_view name, std::string_view rev) {
  auto sha = tag(name, rev, std::nullopt, false);
  if (!sha) return sha.error();
  return {};
}

Result<std::string> Repository::tag(std::string_view name, std::string_view rev,
                                    const std::optional<TagAnnotation>& annotation, bool force) {
  Impl& im = *impl_;
  if (auto ok = check_tag_name(name); !ok) return ok.error();
  if (!force && im.tags.find(name) != im.tags.end()) return Error(fmt::format("tag '{}' already exists", name));
  if (auto clash = ref_prefix_clash(im.tags, name)) {
    return Error(fmt::format("cannot create tag '{}': tag '{}' exists", name, *clash));
  }
  auto id = im.resolve(rev);
  if (!id) return id.error();
  git_oid ref = *id;
  if (annotation) {
    auto msg = prettify(annotation->message);
    if (!msg) return msg.error();
    auto commit = im.lookup_commit(*id);
    if (!commit) return commit.error();
    git_signature* s = nullptr;
    if (git_signature_new(&s, annotation->tagger.name.c_str(), annotation->tagger.email.c_str(), annotation->time_s,
                          0) < 0) {
      return lib_error(fmt::format("tagger '{}'", format_signature(annotation->tagger)));
    }
    detail::SignaturePtr tagger(s);
    const std::string n(name);
    // The tag object alone: the ref is ours (no refdb), as for branches.
    if (git_tag_annotation_create(&ref, im.repo.get(), n.c_str(), reinterpret_cast<const git_object*>(commit->get()),
                                  tagger.get(), msg->c_str()) < 0) {
      return lib_error(fmt::format("tag '{}'", name));
    }
  }
  im.tags.insert_or_assign(std::string(name), ref);
  return to_hex(*id);
}

Result<TagInfo> Repository::tag_info(std::string_view name) const {
  const Impl& im = *impl_;
  auto it = im.tags.find(name);
  if (it == im.tags.end()) return Error(fmt::format("tag '{}' not found", name));
  TagInfo info;
  info.name = std::string(name);
  auto commit = im.peel(it->second);
  if (!commit) return commit.error();
  info.commit = to_hex(*commit);
  if (git_oid_equal(&*commit, &it->second) != 0) return info;
  git_tag* t = nullptr;
  if (git_tag_lookup(&t, im.repo.get(), &it->second) < 0) return lib_error(fmt::format("tag '{}'", name));
  detail::TagPtr tag_object(t);
  info.object = to_hex(it->second);
  const git_signature* s = git_tag_tagger(tag_object.get());
  const char* msg = git_tag_message(tag_object.get());
  info.annotation = TagAnnotation{s ? Signature{s->name, s->email} : Signature{}, s ? s->when.time : 0,
                                  msg != nullptr ? msg : ""};
  return info;
}

std::string Repository::default_merge_message(std::string_view from, std::string_view into) const {
  // git's fmt-merge-msg: the destination is left out for main and master
  // (merge.suppressDest's default); a tag or a bare commit is named as such.
  const Impl& im = *impl_;
  std::string what;
  if (im.branches.find(from) != im.branches.end()) {
    what = fmt::format("branch '{}'", from);
  } else if (im.tags.find(from) != im.tags.end()) {
    what = fmt::format("tag '{}'", from);
  } else {
    what = fmt::format("commit '{}'", from);
  }
  const bool suppress = into == "main" || into == "master";
  return fmt::format("Merge {}{}", what, suppress ? std::string() : fmt::format(" into {}", into));
}

Result<std::string> Repository::merge(std::string_view from_branch, std::string_view into_branch,
                                      const Signature& author, std::string_view message, std::int64_t time_s,
                                      bool no_ff) {
  Impl& im = *impl_;
  auto into_it = im.branches.find(into_branch);
  if (into_it == im.branches.end()) return Error(fmt::format("branch '{}' not found", into_branch));
  const git_oid ours = into_it->second;
  auto from = im.resolve(from_branch);
  if (!from) return from.error();
  const git_oid theirs = *from;
  if (git_oid_equal(&ours, &theirs) != 0) return to_hex(ours);  // already up to date

  git_oid base;
  const int mb = git_merge_base(&base, im.repo.get(), &ours, &theirs);
  if (mb == GIT_ENOTFOUND) {
    return Error(fmt::format("cannot merge '{}' into '{}': refusing to merge unrelated histories", from_branch,
                             into_branch));
  }
  if (mb < 0) return lib_error("merge base");
  if (git_oid_equal(&base, &theirs) != 0) return to_hex(ours);  // already up to date
  if (!no_ff && git_oid_equal(&base, &ours) != 0) {            // fast-forward
    into_it->second = theirs;
    return to_hex(theirs);
  }

  auto msg = prettify(message);
  if (!msg) return msg.error();
  auto our_commit = im.lookup_commit(ours);
  if (!our_commit) return our_commit.error();
  auto their_commit = im.lookup_commit(theirs);
  if (!their_commit) return their_commit.error();
  // git_merge_commits rather than git_merge_trees on one base: with several
  // merge bases (criss-cross history) it builds a virtual base like git's
  // recursive/ort strategies.
  git_merge_options opts = GIT_MERGE_OPTIONS_INIT;
  git_index* idx = nullptr;
  if (git_merge_commits(&idx, im.repo.get(), our_commit->get(), their_commit->get(), &opts) < 0) {
    return lib_error(fmt::format("merge '{}' into '{}'", from_branch, into_branch));
  }
  detail::IndexPtr index(idx);
  auto tree = im.write_index_tree(index.get(), fmt::format("cannot merge '{}' into '{}'", from_branch, into_branch));
  if (!tree) return tree.error();
  auto id = im.write_commit(*tree, {ours, theirs}, author, time_s, *msg);
  if (!id) return id.error();
  into_it->second = *id;
  return to_hex(*id);
}

Result<std::string> Repository::revert(std::string_view branch, std::string_view rev, const Signature& author,
                                       std::int64_t time_s) {
  Impl& im = *impl_;
  auto branch_it = im.branches.find(branch);
  if (branch_it == im.branches.end()) return Error(fmt::format("branch '{}' not found", branch));
  const git_oid head = branch_it->second;
  auto target = im.resolve(rev);
  if (!target) return target.error();
  auto target_commit = im.lookup_commit(*target);
  if (!target_commit) return target_commit.error();
  if (git_commit_parentcount(target_commit->get()) > 1) {
    return Error(fmt::format("cannot revert {}: it is a merge commit", to_hex(*target)));
  }
  auto head_commit = im.lookup_commit(head);
  if (!head_commit) return head_commit.error();

  git_index* idx = nullptr;
  if (git_revert_commit(&idx, im.repo.get(), target_commit->get(), head_commit->get(), 0, nullptr) < 0) {
    return lib_error(fmt::format("revert {}", rev));
  }
  detail::IndexPtr index(idx);
  auto tree = im.write_index_tree(index.get(), fmt::format("cannot revert {} on '{}'", rev, branch));
  if (!tree) return tree.error();
  if (git_oid_equal(&*tree, git_commit_tree_id(head_commit->get())) != 0) {
    return Error(fmt::format("nothing to commit: reverting {} on '{}' changes nothing", rev, branch));
  }
  // The message git revert writes (sequencer.c, do_pick_commit).
  const std::string msg = fmt::format("Revert \"{}\"\n\nThis reverts commit {}.\n",
                                      subject_of(git_commit_message(target_commit->get())), to_hex(*target));
  auto id = im.write_commit(*tree, {head}, author, time_s, msg);
  if (!id) return id.error();
  branch_it->second = *id;
  return to_hex(*id);
}

Status Repository::reset(std::string_view branch, std::string_view rev) {
  Impl& im = *impl_;
  auto it = im.branches.find(branch);
  if (it == im.branches.end()) return Error(fmt::format("branch '{}' not found", branch));
  auto id = im.resolve(rev);
  if (!id) return id.error();
  it->second = *id;
  return {};
}

Result<std::string> Repository::resolve(std::string_view rev) const {
  auto id = impl_->resolve(rev);
  if (!id) return id.error();
  return to_hex(*id);
}

Result<std::vector<CommitInfo>> Repository::log(std::string_view rev, std::size_t max) const {
  const Impl& im = *impl_;
  auto start = im.resolve(rev);
  if (!start) return start.error();
  git_revwalk* w = nullptr;
  if (git_revwalk_new(&w, im.repo.get()) < 0) return lib_error("log");
  detail::RevwalkPtr walk(w);
  if (git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) < 0 ||
      git_revwalk_push(walk.get(), &*start) < 0) {
    return lib_error("log");
  }
  std::vector<CommitInfo> out;
  git_oid id;
  while (out.size() < max && git_revwalk_next(&id, walk.get()) == 0) {
    auto c = im.lookup_commit(id);
    if (!c) return c.error();
    out.push_back(im.info(c->get()));
  }
  return out;
}

namespace {

// The id of what `path` names in a commit's tree (the root tree for ""), or
// nullopt when it has no such path.
std::optional<git_oid> path_id(const git_commit* commit, const std::string& path) {
  git_tree* t = nullptr;
  if (git_commit_tree(&t, commit) < 0) return std::nullopt;
  TreePtr tree(t);
  if (path.empty()) return *git_tree_id(tree.get());
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree.get(), path.c_str()) < 0) return std::nullopt;
  detail::TreeEntryPtr entry(e);
  return *git_tree_entry_id(entry.get());
}

}  // namespace

Result<std::vector<CommitInfo>> Repository::log_range(std::string_view from, std::string_view to,
                                                      std::string_view path, std::size_t max) const {
  const Impl& im = *impl_;
  std::string dir(path);
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  if (!dir.empty()) {
    if (auto ok = validate_path(dir); !ok) return ok.error();
  }
  auto start = im.resolve(to);
  if (!start) return start.error();
  std::optional<git_oid> hide;
  if (!from.empty()) {
    auto h = im.resolve(from);
    if (!h) return h.error();
    hide = *h;
  }
  git_revwalk* w = nullptr;
  if (git_revwalk_new(&w, im.repo.get()) < 0) return lib_error("log");
  detail::RevwalkPtr walk(w);
  // Topological order makes libgit2 walk the whole history before the first
  // commit; a bounded walk ("the newest that changed PATH") streams by time
  // instead: on the virtual clock a child is never older than its parents
  // (commits of one instant come out child first along each path).
  const unsigned sorting = max == SIZE_MAX ? GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME : GIT_SORT_TIME;
  if (git_revwalk_sorting(walk.get(), sorting) < 0 || git_revwalk_push(walk.get(), &*start) < 0 ||
      (hide && git_revwalk_hide(walk.get(), &*hide) < 0)) {
    return lib_error("log");
  }
  std::vector<CommitInfo> out;
  git_oid id;
  while (out.size() < max && git_revwalk_next(&id, walk.get()) == 0) {
    auto c = im.lookup_commit(id);
    if (!c) return c.error();
    const auto mine = path_id(c->get(), dir);
    bool changed = git_commit_parentcount(c->get()) == 0 ? mine.has_value() : true;
    for (unsigned i = 0; changed && i < git_commit_parentcount(c->get()); ++i) {
      auto parent = im.lookup_commit(*git_commit_parent_id(c->get(), i));
      if (!parent) return parent.error();
      const auto theirs = path_id(parent->get(), dir);
      // Same as one parent: git log's history simplification leaves it out.
      if (mine.has_value() == theirs.has_value() && (!mine || git_oid_equal(&*mine, &*theirs))) changed = false;
    }
    if (changed) out.push_back(im.info(c->get()));
  }
  return out;
}

Result<std::vector<FileChange>> Repository::diff(std::string_view from_rev, std::string_view to_rev) const {
  const Impl& im = *impl_;
  TreePtr old_tree;
  if (!from_rev.empty()) {
    auto t = im.tree_of(from_rev);
    if (!t) return t.error();
    old_tree = std::move(*t);
  }
  auto new_tree = im.tree_of(to_rev);
  if (!new_tree) return new_tree.error();
  git_diff* d = nullptr;
  if (git_diff_tree_to_tree(&d, im.repo.get(), old_tree.get(), new_tree->get(), nullptr) < 0) {
    return lib_error("diff");
  }
  detail::DiffPtr diff(d);
  std::vector<FileChange> out;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    if (delta->status == GIT_DELTA_DELETED) {
      out.push_back(FileChange{delta->old_file.path, std::nullopt});
      continue;
    }
    git_blob* b = nullptr;
    if (git_blob_lookup(&b, im.repo.get(), &delta->new_file.id) < 0) return lib_error("diff");
    detail::BlobPtr blob(b);
    out.push_back(FileChange{delta->new_file.path,
                             std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                         static_cast<std::size_t>(git_blob_rawsize(blob.get())))});
  }
  std::sort(out.begin(), out.end(), [](const FileChange& a, const FileChange& b) { return a.path < b.path; });
  return out;
}

Result<std::string> Repository::read_file(std::string_view rev, std::string_view path) const {
  const Impl& im = *impl_;
  if (auto ok = validate_path(path); !ok) return ok.error();
  auto tree = im.tree_of(rev);
  if (!tree) return tree.error();
  const std::string p(path);
  git_tree_entry* e = nullptr;
  const int rc = git_tree_entry_bypath(&e, tree->get(), p.c_str());
  if (rc == GIT_ENOTFOUND) return Error(fmt::format("path {} not found at {}", path, rev));
  if (rc < 0) return lib_error(fmt::format("read {}", path));
  detail::TreeEntryPtr entry(e);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return Error(fmt::format("path {} is a directory at {}", path, rev));
  }
  git_blob* b = nullptr;
  if (git_blob_lookup(&b, im.repo.get(), git_tree_entry_id(entry.get())) < 0) return lib_error("read file");
  detail::BlobPtr blob(b);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

namespace {

Status collect_entries(git_repository* repo, const git_tree* tree, const std::string& prefix, bool recursive,
                       std::vector<TreeEntry>& out) {
  for (std::size_t i = 0; i < git_tree_entrycount(tree); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, i);
    const bool dir = git_tree_entry_type(e) == GIT_OBJECT_TREE;
    std::string path = prefix + git_tree_entry_name(e);
    if (recursive && dir) {
      git_tree* sub = nullptr;
      if (git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0) return lib_error("list tree");
      TreePtr subtree(sub);
      out.push_back(TreeEntry{path, true});
      if (auto ok = collect_entries(repo, subtree.get(), path + "/", recursive, out); !ok) return ok;
    } else {
      out.push_back(TreeEntry{std::move(path), dir});
    }
  }
  return {};
}

}  // namespace

Result<std::vector<TreeEntry>> Repository::list_tree(std::string_view rev, std::string_view dir,
                                                     bool recursive) const {
  const Impl& im = *impl_;
  auto root = im.tree_of(rev);
  if (!root) return root.error();
  TreePtr tree = std::move(*root);
  std::string prefix;
  if (!dir.empty()) {
    if (auto ok = validate_path(dir); !ok) return ok.error();
    const std::string d(dir);
    git_tree_entry* e = nullptr;
    const int rc = git_tree_entry_bypath(&e, tree.get(), d.c_str());
    if (rc == GIT_ENOTFOUND) return Error(fmt::format("directory {} not found at {}", dir, rev));
    if (rc < 0) return lib_error(fmt::format("list {}", dir));
    detail::TreeEntryPtr entry(e);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE) {
      return Error(fmt::format("{} is a file, not a directory, at {}", dir, rev));
    }
    auto sub = im.lookup_tree(*git_tree_entry_id(entry.get()));
    if (!sub) return sub.error();
    tree = std::move(*sub);
    prefix = d + "/";
  }
  std::vector<TreeEntry> out;
  if (auto ok = collect_entries(im.repo.get(), tree.get(), prefix, recursive, out); !ok) return ok.error();
  // Tree order sorts a directory `a` as `a/`; callers get plain path order.
  std::sort(out.begin(), out.end(), [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
  return out;
}

Result<bool> Repository::is_dir(std::string_view rev, std::string_view path) const {
  const Impl& im = *impl_;
  auto tree = im.tree_of(rev);
  if (!tree) return tree.error();
  if (path.empty()) return true;
  if (auto ok = validate_path(path); !ok) return ok.error();
  const std::string p(path);
  git_tree_entry* e = nullptr;
  const int rc = git_tree_entry_bypath(&e, tree->get(), p.c_str());
  if (rc == GIT_ENOTFOUND) return false;
  if (rc < 0) return lib_error(fmt::format("stat {}", path));
  detail::TreeEntryPtr entry(e);
  return git_tree_entry_type(entry.get()) == GIT_OBJECT_TREE;
}

std::vector<std::string> Repository::branches() const {
  std::vector<std::string> out;
  for (const auto& [n, id] : impl_->branches) out.push_back(n);
  return out;
}

std::vector<std::pair<std::string, std::string>> Repository::tags() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [n, id] : impl_->tags) {
    auto commit = impl_->peel(id);
    out.emplace_back(n, to_hex(commit ? *commit : id));
  }
  return out;
}

Result<CommitInfo> Repository::commit_info(std::string_view rev) const {
  auto id = impl_->resolve(rev);
  if (!id) return id.error();
  auto c = impl_->lookup_commit(*id);
  if (!c) return c.error();
  return impl_->info(c->get());
}

}  // namespace gs::git
