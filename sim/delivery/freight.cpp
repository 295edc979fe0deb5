#include "sim/delivery/freight.hpp"

#include <algorithm>

#include "sim/git/repository.hpp"
#include "sim/model/yaml.hpp"

namespace gs::delivery {
namespace {

std::string under(const std::string& dir) { return dir.empty() ? std::string() : dir + "/"; }

bool is_yaml(const std::string& path) {
  auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0; };
  return ends(".yaml") || ends(".yml");
}

// The kustomization file of `dir` at `rev`, as kustomize looks for it.
std::optional<std::string> kustomization_path(const git::Repository& repo, const std::string& rev, const std::string& dir) {
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    const std::string path = under(dir) + name;
    if (repo.read_file(rev, path)) return path;
  }
  return std::nullopt;
}

// `registry.example/shop/web:1.1.0` -> (registry.example/shop/web, 1.1.0);
// no tag (or a digest) -> nullopt.
std::optional<ImageTag> split_image(const std::string& image) {
  if (image.find('@') != std::string::npos) return std::nullopt;
  const auto colon = image.rfind(':');
  const auto slash = image.rfind('/');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return std::nullopt;
  return ImageTag{image.substr(0, colon), image.substr(colon + 1)};
}

// The container lists of a workload (Deployment and kin, Job, CronJob, Pod).
std::vector<model::Node*> container_lists(model::Node& doc) {
  std::vector<model::Node*> out;
  model::Node* spec = doc.find("spec");
  if (!spec || !spec->is_map()) return out;
  for (model::Node* pod : {spec, spec->find("template") ? spec->find("template")->find("spec") : nullptr}) {
    if (!pod || !pod->is_map()) continue;
    for (const char* key : {"initContainers", "containers"}) {
      if (model::Node* c = pod->find(key); c && c->is_list()) out.push_back(c);
    }
  }
  return out;
}

std::vector<ImageTag> kustomization_images(const git::Repository& repo, const std::string& rev, const std::string& dir) {
  std::vector<ImageTag> out;
  auto path = kustomization_path(repo, rev, dir);
  if (!path) return out;
  auto text = repo.read_file(rev, *path);
  auto doc = text ? model::parse_yaml(*text) : Result<model::Node>(Error("unreadable"));
  if (!doc) return out;
  const model::Node* images = doc->find("images");
  if (!images || !images->is_list()) return out;
  for (const auto& item : images->items()) {
    auto name = item.get_string({"name"});
    const model::Node* tag = item.find("newTag");
    if (name && tag && tag->is_scalar() && !tag->text().empty()) out.push_back(ImageTag{*name, tag->text()});
  }
  return out;
}

std::vector<std::string> yaml_files(const git::Repository& repo, const std::string& rev, const std::string& dir) {
  std::vector<std::string> out;
  auto entries = repo.list_tree(rev, dir, false);
  if (!entries) return out;
  for (const auto& e : *entries) {
    if (!e.is_dir && is_yaml(e.path) && e.path.find("kustomization") == std::string::npos) out.push_back(e.path);
  }
  return out;
}

std::vector<ImageTag> manifest_images(const git::Repository& repo, const std::string& rev, const std::string& dir) {
  std::vector<ImageTag> out;
  for (const auto& path : yaml_files(repo, rev, dir)) {
    auto text = repo.read_file(rev, path);
    auto docs = text ? model::parse_yaml_stream(*text) : Result<std::vector<model::Node>>(Error("unreadable"));
    if (!docs) continue;
    for (auto& doc : *docs) {
      for (model::Node* list : container_lists(doc)) {
        for (const auto& c : list->items()) {
          auto image = c.get_string({"image"});
          auto split = image ? split_image(*image) : std::nullopt;
          if (split && std::none_of(out.begin(), out.end(), [&](const ImageTag& t) { return t.name == split->name; })) {
            out.push_back(*split);
          }
        }
      }
    }
  }
  return out;
}

}  // namespace

std::vector<ImageTag> images_at(const git::Repository& repo, const std::string& rev, const std::string& dir) {
  auto out = kustomization_images(repo, rev, dir);
  if (out.empty()) out = manifest_images(repo, rev, dir);
  std::sort(out.begin(), out.end(), [](const ImageTag& a, const ImageTag& b) { return a.name < b.name; });
  return out;
}

std::string freight_name(const std::vector<ImageTag>& images, const std::string& commit) {
  if (images.empty()) return commit.substr(0, 7);
  if (images.size() == 1) return images.front().tag;
  std::string out;
  for (const auto& i : images) {
    const auto slash = i.name.rfind('/');
    out += (out.empty() ? "" : ", ") + (slash == std::string::npos ? i.name : i.name.substr(slash + 1)) + ":" + i.tag;
  }
  return out;
}

std::optional<std::string> last_change(const git::Repository& repo, const std::string& rev, const std::string& dir) {
  if (dir.empty()) {
    auto log = repo.log(rev, 1);
    if (!log || log->empty()) return std::nullopt;
    return log->front().sha;
  }
  // `git log -1 REV -- DIR`: compares the folder's tree id in each commit and
  // its parents, and stops at the first that changed it (a day of 300
  // commits made a whole-tree diff per commit the cost of every promote).
  auto log = repo.log_range("", rev, dir, 1);
  if (!log || log->empty()) return std::nullopt;
  return log->front().sha;
}

bool same_under(const git::Repository& repo, const std::string& a, const std::string& b, const std::string& dir) {
  if (a == b) return true;
  auto changes = repo.diff(a, b);
  if (!changes) return false;
  const std::string prefix = under(dir);
  return std::none_of(changes->begin(), changes->end(),
                      [&](const git::FileChange& f) { return f.path.rfind(prefix, 0) == 0; });
}

namespace {

using Files = std::map<std::string, std::optional<std::string>>;

Result<Files> copy_files(const git::Repository& repo, const PipelineSpec& p, const std::string& from, const std::string& to) {
  Files out;
  for (const auto& f : p.files) {
    auto text = repo.read_file(p.branch, under(from) + f);
    if (!text) return Error(under(from) + f + " not found on " + p.branch + " (a promoted file of pipeline '" + p.name + "')");
    auto now = repo.read_file(p.branch, under(to) + f);
    if (!now || *now != *text) out[under(to) + f] = *text;
  }
  return out;
}

Result<Files> copy_kustomization_tags(const git::Repository& repo, const PipelineSpec& p, const std::vector<ImageTag>& tags,
                                      const std::string& to) {
  auto path = kustomization_path(repo, p.branch, to);
  if (!path) return Error(to + " has no kustomization.yaml to set the image tag in");
  auto text = repo.read_file(p.branch, *path);
  auto doc = model::parse_yaml(*text);
  if (!doc || !doc->is_map()) return Error(*path + " does not parse as a kustomization");
  model::Node& images = (*doc)["images"];
  if (images.is_null()) images = model::Node::list();
  if (!images.is_list()) return Error(*path + ": images is not a list");
  for (const auto& t : tags) {
    auto it = std::find_if(images.items().begin(), images.items().end(),
                           [&](const model::Node& i) { return i.get_string({"name"}) == t.name; });
    if (it == images.items().end()) {
      model::Node entry = model::Node::map();
      entry.set("name", model::Node::string(t.name));
      entry.set("newTag", model::Node::string(t.tag));
      images.push_back(std::move(entry));
    } else {
      it->set("newTag", model::Node::string(t.tag));
    }
  }
  Files out;
  if (!(model::parse_yaml(*text).value() == *doc)) out[*path] = model::to_yaml(*doc);
  return out;
}

Files copy_manifest_tags(const git::Repository& repo, const PipelineSpec& p, const std::vector<ImageTag>& tags,
                         const std::string& to) {
  Files out;
  for (const auto& path : yaml_files(repo, p.branch, to)) {
    auto text = repo.read_file(p.branch, path);
    auto docs = model::parse_yaml_stream(*text);
    if (!docs) continue;
    bool changed = false;
    for (auto& doc : *docs) {
      for (model::Node* list : container_lists(doc)) {
        for (auto& c : list->items()) {
          auto image = c.get_string({"image"});
          auto split = image ? split_image(*image) : std::nullopt;
          if (!split) continue;
          for (const auto& t : tags) {
            if (t.name == split->name && t.tag != split->tag) {
              c.set("image", model::Node::string(t.name + ":" + t.tag));
              changed = true;
            }
          }
        }
      }
    }
    if (changed) out[path] = model::to_yaml_stream(*docs);
  }
  return out;
}

}  // namespace

Result<Files> folder_promotion(const git::Repository& repo, const PipelineSpec& p, const std::string& from,
                               const std::string& to) {
  if (!p.files.empty()) return copy_files(repo, p, from, to);
  auto tags = kustomization_images(repo, p.branch, from);
  if (!tags.empty()) return copy_kustomization_tags(repo, p, tags, to);
  tags = manifest_images(repo, p.branch, from);
  if (tags.empty()) {
    return Error(from + " names no image tag to promote; list the promoted files under the pipeline's 'files:'");
  }
  return copy_manifest_tags(repo, p, tags, to);
}

}  // namespace gs::delivery
