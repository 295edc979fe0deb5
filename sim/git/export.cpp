#include "sim/git/export.hpp"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "sim/git/repository_impl.hpp"

namespace gs::git {

namespace fs = std::filesystem;

namespace {

Status write_text(const fs::path& file, std::string_view text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return Error(fmt::format("export: cannot create {}: {}", file.parent_path().string(), ec.message()));
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) return Error(fmt::format("export: cannot write {}", file.string()));
  return {};
}

}  // namespace

Status export_bare(const Repository& repository, const fs::path& dir) {
  const Repository::Impl& im = *repository.impl_;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) return Error(fmt::format("export: {} exists and is not a directory", dir.string()));
    if (!fs::is_empty(dir, ec)) return Error(fmt::format("export: {} is not empty", dir.string()));
  }
  for (const char* sub : {"objects/pack", "objects/info", "refs/heads", "refs/tags"}) {
    fs::create_directories(dir / sub, ec);
    if (ec) return Error(fmt::format("export: cannot create {}: {}", (dir / sub).string(), ec.message()));
  }
  // What `git init --bare` writes, minus hooks and samples.
  if (auto ok = write_text(dir / "config",
                           "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n");
      !ok) {
    return ok;
  }
  if (auto ok = write_text(dir / "HEAD", fmt::format("ref: refs/heads/{}\n", im.default_branch())); !ok) return ok;
  if (auto ok = write_text(dir / "description", "Exported by gitops-sim from " + im.name + "\n"); !ok) return ok;

  // One pack of everything reachable from a ref; objects written by refused
  // merges or reverts stay behind, so `git fsck` finds nothing dangling.
  if (!im.branches.empty() || !im.tags.empty()) {
    git_revwalk* w = nullptr;
    if (git_revwalk_new(&w, im.repo.get()) < 0) return detail::lib_error("export");
    detail::RevwalkPtr walk(w);
    for (const auto* refs : {&im.branches, &im.tags}) {
      for (const auto& [name, id] : *refs) {
        if (git_revwalk_push(walk.get(), &id) < 0) return detail::lib_error(fmt::format("export {}", name));
      }
    }
    git_packbuilder* p = nullptr;
    if (git_packbuilder_new(&p, im.repo.get()) < 0) return detail::lib_error("export");
    detail::PackBuilderPtr pack(p);
    git_packbuilder_set_threads(pack.get(), 1);  // same input, same pack
    if (git_packbuilder_insert_walk(pack.get(), walk.get()) < 0) return detail::lib_error("export: pack objects");
    // Annotated tags: the walk packs what they point at; the tag objects too.
    for (const auto& [name, id] : im.tags) {
      auto commit = im.peel(id);
      if (!commit) return commit.error();
      if (git_oid_equal(&*commit, &id) == 0 && git_packbuilder_insert(pack.get(), &id, name.c_str()) < 0) {
        return detail::lib_error(fmt::format("export: tag {}", name));
      }
    }
    const std::string pack_dir = (dir / "objects" / "pack").string();
    if (git_packbuilder_write(pack.get(), pack_dir.c_str(), 0, nullptr, nullptr) < 0) {
      return detail::lib_error("export: write pack");
    }
  }

  for (const auto& [name, id] : im.branches) {
    if (auto ok = write_text(dir / "refs" / "heads" / name, detail::to_hex(id) + "\n"); !ok) return ok;
  }
  for (const auto& [name, id] : im.tags) {
    if (auto ok = write_text(dir / "refs" / "tags" / name, detail::to_hex(id) + "\n"); !ok) return ok;
  }
  return {};
}

}  // namespace gs::git
