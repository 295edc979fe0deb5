// RAII for libgit2: unique_ptr aliases whose deleters call the matching
// git_*_free, a git_buf owner, and a guard that keeps libgit2 initialised for
// as long as any owner of libgit2 objects lives. Internal to sim/git (only
// .cpp files include it), so libgit2 headers stay out of the public API.
#pragma once

#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <memory>
#include <string_view>

namespace gs::git::detail {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept {
    if (p != nullptr) Free(p);
  }
};

template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, git_repository_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using ConfigPtr = Handle<git_config, git_config_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using TreeEntryPtr = Handle<git_tree_entry, git_tree_entry_free>;
using TreeBuilderPtr = Handle<git_treebuilder, git_treebuilder_free>;
using BlobPtr = Handle<git_blob, git_blob_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using IndexConflictIteratorPtr = Handle<git_index_conflict_iterator, git_index_conflict_iterator_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;
using SignaturePtr = Handle<git_signature, git_signature_free>;
using PackBuilderPtr = Handle<git_packbuilder, git_packbuilder_free>;
using TagPtr = Handle<git_tag, git_tag_free>;
using ObjectPtr = Handle<git_object, git_object_free>;

// A git_buf that frees itself.
class Buf {
 public:
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { git_buf_dispose(&buf_); }
  git_buf* get() { return &buf_; }
  std::string_view view() const { return buf_.ptr ? std::string_view(buf_.ptr, buf_.size) : std::string_view(); }

 private:
  git_buf buf_ = GIT_BUF_INIT;
};

// git_libgit2_init / git_libgit2_shutdown are reference counted by libgit2;
// each object holding libgit2 handles owns one guard, declared before the
// handles so it is destroyed after them. The last shutdown frees libgit2's
// global state, which keeps LeakSanitizer quiet.
class LibGit2 {
 public:
  LibGit2() : ok_(git_libgit2_init() > 0) {
    if (!ok_) return;
    // Our objects live in our own mempack, hashed when written: reading one
    // back need not hash it again. And a tree of a thousand services (40 KB)
    // is kept in the object cache like a small one (libgit2 caches trees up
    // to 4 KB by default), or every path lookup re-reads and re-parses it.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, static_cast<std::size_t>(1) << 20);
  }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
  ~LibGit2() {
    if (ok_) git_libgit2_shutdown();
  }
  bool ok() const { return ok_; }

 private:
  bool ok_;
};

}  // namespace gs::git::detail
