// Image work with libvips: a cheap look at the header, and resized variants.
//
// read_image_header() opens the image lazily (sequential access), which reads
// only the header: a small PNG that declares 100000 x 100000 pixels is measured,
// not decoded, so the pixel limit can refuse it before any memory is spent.
// Variants are WebP at a few widths (never wider than the original), each stored
// by its own hash like any other media file and listed in media_variants, so
// pages can offer them in srcset.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/media.hpp"
#include "store/database.hpp"

namespace rynek::content {

inline constexpr int kVariantWidths[] = {480, 960, 1600};

struct ImageHeader {
  int width = 0;
  int height = 0;
};

// nullopt when libvips cannot read the header.
std::optional<ImageHeader> read_image_header(std::string_view bytes);

struct ImageVariant {
  int width = 0;
  StoredMedia media;
};

// Writes the variants to the store (not to the database); nullopt when the
// pixels cannot be decoded. Call only for images that passed check_image_upload.
std::optional<std::vector<ImageVariant>> make_variants(const MediaStore& store, std::string_view bytes);

// Inside a write job: media rows for the variants and their media_variants rows.
void record_variants(store::Connection& db, const std::string& original_sha256,
                     const std::vector<ImageVariant>& variants);
std::vector<ImageVariant> find_variants(store::Connection& db, const std::string& original_sha256);

}  // namespace rynek::content
