// Reading the rendered frame back (glReadPixels) and writing it as a PNG
// (stb_image_write), rows flipped from OpenGL's bottom-up order.
#pragma once

#include <string>

namespace gs::ui {

// Reads the current GL read buffer (width x height, RGB) and writes `path`.
// Returns an empty string on success, else what went wrong.
std::string write_framebuffer_png(const std::string& path, int width, int height);

}  // namespace gs::ui
