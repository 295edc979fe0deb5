// Flux's Setters strategy (peers-behaviour.md §1.5): a `$imagepolicy` marker
// replaces the whole reference, `:tag` only the tag, `:name` only the image;
// and (as `kustomize edit set image`) a kustomization's images entry gets newTag.
#include <catch2/catch.hpp>

#include "sim/ci/setters.hpp"

using namespace gs::ci;

namespace {
const SetterTarget kWeb{"web", "registry.example/shop/web", "1.2.4"};
}

TEST_CASE("a $imagepolicy marker replaces the whole image reference and keeps the comment", "[ci][setters]") {
  const std::string text =
      "spec:\n  containers:\n    - name: web\n      image: registry.example/shop/web:1.0.0 # {\"$imagepolicy\": "
      "\"flux-system:web\"}\n";
  auto out = apply_setters(text, kWeb, false);
  REQUIRE(out);
  CHECK(*out ==
        "spec:\n  containers:\n    - name: web\n      image: registry.example/shop/web:1.2.4 # {\"$imagepolicy\": "
        "\"flux-system:web\"}\n");
}

TEST_CASE("a :tag marker replaces only the tag and keeps its quotes", "[ci][setters]") {
  auto out = apply_setters("images:\n  - name: x\n    newTag: \"1.0.0\" # {\"$imagepolicy\": \"flux-system:web:tag\"}\n",
                           kWeb, false);
  REQUIRE(out);
  CHECK(*out == "images:\n  - name: x\n    newTag: \"1.2.4\" # {\"$imagepolicy\": \"flux-system:web:tag\"}\n");
  auto name = apply_setters("repository: old/web # {\"$imagepolicy\": \"flux-system:web:name\"}", kWeb, false);
  REQUIRE(name);
  CHECK(*name == "repository: registry.example/shop/web # {\"$imagepolicy\": \"flux-system:web:name\"}");
}

TEST_CASE("a marker naming another policy or a file already at the tag is left alone", "[ci][setters]") {
  CHECK_FALSE(apply_setters("image: a/b:1.0.0 # {\"$imagepolicy\": \"flux-system:api\"}\n", kWeb, false));
  CHECK_FALSE(apply_setters("image: registry.example/shop/web:1.2.4 # {\"$imagepolicy\": \"flux-system:web\"}\n", kWeb,
                            false));
  CHECK_FALSE(apply_setters("image: registry.example/shop/web:1.0.0\n", kWeb, false));
}

TEST_CASE("a kustomization's images entry for the image gets newTag set, or added when missing", "[ci][setters]") {
  const std::string set = "resources:\n  - ../../base\nimages:\n  - name: registry.example/shop/web\n    newTag: 1.0.0\n";
  auto out = apply_setters(set, kWeb, true);
  REQUIRE(out);
  CHECK(*out == "resources:\n  - ../../base\nimages:\n  - name: registry.example/shop/web\n    newTag: \"1.2.4\"\n");
  const std::string add = "images:\n  - name: registry.example/shop/web\n  - name: other/api\n    newTag: \"9\"\n";
  auto added = apply_setters(add, kWeb, true);
  REQUIRE(added);
  CHECK(*added == "images:\n  - name: registry.example/shop/web\n    newTag: \"1.2.4\"\n  - name: other/api\n    newTag: \"9\"\n");
  // A marker after newTag stays where it is.
  auto marked = apply_setters("images:\n  - name: registry.example/shop/web\n    newTag: \"1.0.0\" # {\"$imagepolicy\": \"flux-system:web:tag\"}\n", kWeb, true);
  REQUIRE(marked);
  CHECK(*marked == "images:\n  - name: registry.example/shop/web\n    newTag: \"1.2.4\" # {\"$imagepolicy\": \"flux-system:web:tag\"}\n");
  CHECK_FALSE(apply_setters(*marked, kWeb, true));
  // Not a kustomization file: its images-like lines are not kustomize's.
  CHECK_FALSE(apply_setters(set, kWeb, false));
  CHECK(is_kustomization_file("envs/dev/kustomization.yaml"));
  CHECK_FALSE(is_kustomization_file("envs/dev/deployment.yaml"));
}
