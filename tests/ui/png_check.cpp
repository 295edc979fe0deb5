// ui_png_check: counts the pixels of one colour (within a tolerance) inside a
// rectangle of a PNG, for the GUI smoke test (tests/ui/gui_smoke.sh).
// usage: ui_png_check FILE.png RRGGBB X Y W H [--min N | --max N]
// Prints the count; exits 0 if the bound holds, 1 if not, 2 on bad input.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 9) {
    std::fprintf(stderr, "usage: ui_png_check FILE.png RRGGBB X Y W H --min|--max N\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "ui_png_check: cannot read %s\n", argv[1]);
    return 2;
  }
  const unsigned long rgb = std::strtoul(argv[2], nullptr, 16);
  const int r = static_cast<int>((rgb >> 16) & 0xFF), g = static_cast<int>((rgb >> 8) & 0xFF), b = static_cast<int>(rgb & 0xFF);
  const int x0 = std::atoi(argv[3]), y0 = std::atoi(argv[4]);
  const int x1 = x0 + std::atoi(argv[5]), y1 = y0 + std::atoi(argv[6]);
  long count = 0;
  for (int y = std::max(0, y0); y < std::min(h, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(w, x1); ++x) {
      const unsigned char* p = px + (static_cast<long>(y) * w + x) * 3;
      if (std::abs(p[0] - r) <= 6 && std::abs(p[1] - g) <= 6 && std::abs(p[2] - b) <= 6) ++count;
    }
  }
  stbi_image_free(px);
  const std::string mode = argv[7];
  const long bound = std::atol(argv[8]);
  std::printf("%ld\n", count);
  if (mode == "--min") return count >= bound ? 0 : 1;
  if (mode == "--max") return count <= bound ? 0 : 1;
  return 2;
}
