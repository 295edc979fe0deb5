#include "sim/ui/screenshot.hpp"

#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <vector>

namespace gs::ui {

std::string write_framebuffer_png(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return "empty framebuffer";
  std::vector<unsigned char> px(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, px.data());
  // OpenGL's first row is the bottom one; PNG's is the top.
  std::vector<unsigned char> flipped(px.size());
  const std::size_t stride = static_cast<std::size_t>(width) * 3;
  for (int y = 0; y < height; ++y) {
    std::copy_n(px.data() + static_cast<std::size_t>(height - 1 - y) * stride, stride,
                flipped.data() + static_cast<std::size_t>(y) * stride);
  }
  if (!stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(stride))) {
    return "cannot write " + path;
  }
  return {};
}

}  // namespace gs::ui
