// Image work with libvips: a cheap look at the header, and resized variants.
//
// read_image_header() opens the image lazily (sequential access), which reads
// only the header: a small PNG that declares 100000 x 100000 pixels is measured,
// not decoded, so the pixel limit can refuse it before any memory is spent.
// Variants are WebP at a few widths (never wider than the original), each stored
// by its own hash like any other media file and listed in media_variants, so
// pages can offer them in srcset. Uploads make them in the back office; imports
// make them while checking files (make_import_variants) and record them with
// the article or seminar. Pages read them with find_responsive_images, which
// also gives the original's pixel size for width/height attributes: it is read
// from the stored file's header once per process (a hash's file never changes),
// so no schema change was needed to know it.
#pragma once

#include <filesystem>
#include <map>
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
std::optional<std::vector<ImageVariant>> make_variants(const MediaStore& store,
                                                       std::string_view bytes);

// Inside a write job: media rows for the variants and their media_variants rows.
void record_variants(store::Connection& db, const std::string& original_sha256,
                     const std::vector<ImageVariant>& variants);
std::vector<ImageVariant> find_variants(store::Connection& db, const std::string& original_sha256);

// For imports (the operator's own files, still held to the upload limits): PNG,
// JPEG and WebP get variants; other image types get none (a GIF would lose its
// animation; SVG is not resized). nullopt when an image is over the limits or
// cannot be decoded.
std::optional<std::vector<ImageVariant>> make_import_variants(const MediaStore& store,
                                                              std::string_view bytes);

// The pixel size of a stored image, from its file's header; remembered for the
// process's life (bounded). nullopt when the file is missing or not readable.
std::optional<ImageHeader> stored_image_size(const MediaStore& store, const std::string& sha256);

// What a page needs to offer a stored image responsively.
struct ResponsiveImage {
  std::string sha256;
  std::string content_type;            // of the original
  std::optional<ImageHeader> size;     // of the original, when readable
  std::vector<ImageVariant> variants;  // narrowest first; none offered for GIF (animation)
};

// Inside a read: an entry for each hash of `sha256s` that names a media row.
std::map<std::string, ResponsiveImage> find_responsive_images(
    store::Connection& db, const MediaStore& store, const std::vector<std::string>& sha256s);

}  // namespace rynek::content
