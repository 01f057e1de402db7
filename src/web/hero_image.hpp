// Hero images on public pages, responsive.
//
// The <img> keeps the original as src (anything that ignores srcset still gets a
// picture) and lists the WebP variants by width in srcset, with the original as
// the widest candidate when it is wider than every variant. One <img>, not a
// <picture> with a WebP <source>: every browser the site supports decodes WebP
// (Chromium, Firefox 65+, Safari 14+), and a plain srcset lets the browser pick
// by width alone. width/height carry the original's pixel size so the page does
// not shift while the image loads. The templates give `sizes`, since only they
// know the layout.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/images.hpp"
#include "view/templates.hpp"

namespace rynek::web {

using HeroImages = std::map<std::string, content::ResponsiveImage>;

// "/media/<sha256>/image": the name segment only names the download.
std::string image_url(const std::string& sha256);

// "…/image 480w, …/image 960w, <original> 1200w"; "" when there are no variants.
std::string hero_srcset(const content::ResponsiveImage& image);

// Sets hero_url, hero_alt, hero_width, hero_height and, when there are variants,
// hero_srcset. An image missing from `images` is shown plainly, at 16:9.
void set_hero(view::Value& value, const std::optional<std::string>& sha256, const std::string& alt,
              const HeroImages& images);

}  // namespace rynek::web
