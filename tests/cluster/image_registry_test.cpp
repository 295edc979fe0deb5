#include "helpers.hpp"

using namespace gs::cluster;

TEST_CASE("ImageRegistry: tags, digests, default tag and Docker Hub names", "[registry]") {
  ImageRegistry reg;
  const std::string digest = reg.add("registry.example/shop/web", "1.0.0");
  reg.add("nginx", "latest");
  CHECK(reg.exists("registry.example/shop/web:1.0.0"));
  CHECK_FALSE(reg.exists("registry.example/shop/web:9.9.9"));
  CHECK_FALSE(reg.exists("registry.example/shop/web"));  // latest was never pushed
  CHECK(reg.exists("registry.example/shop/web@" + digest));
  CHECK(reg.exists("nginx"));
  CHECK(reg.exists("docker.io/library/nginx:latest"));
  CHECK(digest.rfind("sha256:", 0) == 0);
  CHECK(digest.size() == 7 + 64);
}

TEST_CASE("ImageRegistry: fault image-pull fails a known tag until healed", "[registry]") {
  ImageRegistry reg;
  reg.add("registry.example/shop/web", "1.0.0");
  REQUIRE(reg.fail_pull("registry.example/shop/web:1.0.0").ok());
  CHECK_FALSE(reg.exists("registry.example/shop/web:1.0.0"));
  CHECK(reg.known("registry.example/shop/web:1.0.0"));
  REQUIRE(reg.fail_pull("registry.example/shop/web:1.0.0", false).ok());
  CHECK(reg.exists("registry.example/shop/web:1.0.0"));
}

TEST_CASE("ImageRegistry: malformed references are errors naming the reference", "[registry]") {
  auto r = parse_image_ref("Registry.example/Shop/Web:1");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("Registry.example/Shop/Web:1") != std::string::npos);
  CHECK_FALSE(parse_image_ref("web:").ok());
  CHECK_FALSE(parse_image_ref("").ok());
  auto ok = parse_image_ref("localhost:5000/web");
  REQUIRE(ok.ok());
  CHECK(ok->repository == "localhost:5000/web");
  CHECK(ok->tag == "latest");
}
