#include "web/hero_image.hpp"

#include <algorithm>

namespace rynek::web {

std::string image_url(const std::string& sha256) {
  return "/media/" + sha256 + "/image";
}

std::string hero_srcset(const content::ResponsiveImage& image) {
  if (image.variants.empty()) return "";
  std::string srcset;
  int widest = 0;
  for (const auto& variant : image.variants) {
    if (!srcset.empty()) srcset += ", ";
    srcset += image_url(variant.media.sha256) + " " + std::to_string(variant.width) + "w";
    widest = std::max(widest, variant.width);
  }
  // The original only when it adds a width: at the same width the WebP is smaller.
  if (image.size && image.size->width > widest) {
    srcset += ", " + image_url(image.sha256) + " " + std::to_string(image.size->width) + "w";
  }
  return srcset;
}

void set_hero(view::Value& value, const std::optional<std::string>& sha256, const std::string& alt,
              const HeroImages& images) {
  if (!sha256) return;
  value["hero_url"] = image_url(*sha256);
  value["hero_alt"] = alt;
  int width = 1600, height = 900;
  if (auto it = images.find(*sha256); it != images.end()) {
    if (it->second.size) {
      width = it->second.size->width;
      height = it->second.size->height;
    }
    if (auto srcset = hero_srcset(it->second); !srcset.empty()) value["hero_srcset"] = srcset;
  }
  value["hero_width"] = width;
  value["hero_height"] = height;
}

}  // namespace rynek::web
