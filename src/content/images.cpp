#include "content/images.hpp"

#include <vips/vips.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

#include "content/uploads.hpp"

namespace rynek::content {
namespace {

void ensure_vips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("rynek") != 0) throw std::runtime_error("libvips: cannot initialise");
    // Each upload is seen once: libvips' operation cache would only hold memory.
    vips_cache_set_max(0);
  });
}

struct ImageDeleter {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using ImagePtr = std::unique_ptr<VipsImage, ImageDeleter>;

}  // namespace

std::optional<ImageHeader> read_image_header(std::string_view bytes) {
  ensure_vips();
  ImagePtr image(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                            VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!image) {
    vips_error_clear();
    return std::nullopt;
  }
  return ImageHeader{vips_image_get_width(image.get()), vips_image_get_height(image.get())};
}

std::optional<std::vector<ImageVariant>> make_variants(const MediaStore& store,
                                                       std::string_view bytes) {
  auto header = read_image_header(bytes);
  if (!header) return std::nullopt;
  // Everything is encoded before anything is stored: an image that fails half-way
  // leaves no file behind.
  std::vector<std::pair<int, std::string>> encoded_variants;
  for (int width : kVariantWidths) {
    if (width >= header->width && !encoded_variants.empty()) break;
    int target = std::min(width, header->width);
    VipsImage* raw = nullptr;
    // fail_on=error: a truncated or corrupt image is refused, not half-drawn.
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &raw, target, "height",
                              1000000, "size", VIPS_SIZE_DOWN, "option_string", "fail_on=error",
                              nullptr) != 0) {
      vips_error_clear();
      return std::nullopt;
    }
    ImagePtr thumbnail(raw);
    void* buffer = nullptr;
    std::size_t length = 0;
    if (vips_image_write_to_buffer(thumbnail.get(), ".webp", &buffer, &length, "Q", 80, nullptr) !=
        0) {
      vips_error_clear();
      return std::nullopt;
    }
    std::string encoded(static_cast<const char*>(buffer), length);
    g_free(buffer);
    encoded_variants.emplace_back(vips_image_get_width(thumbnail.get()), std::move(encoded));
    if (target == header->width) break;
  }
  std::vector<ImageVariant> variants;
  for (const auto& [width, encoded] : encoded_variants)
    variants.push_back({width, store.store(encoded)});
  return variants;
}

void record_variants(store::Connection& db, const std::string& original_sha256,
                     const std::vector<ImageVariant>& variants) {
  for (const auto& variant : variants) {
    record_media(db, variant.media);
    db.execute(
        "INSERT INTO media_variants (sha256, width, variant_sha256, content_type) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (sha256, width) DO UPDATE SET variant_sha256 = excluded.variant_sha256,"
        " content_type = excluded.content_type",
        {original_sha256, std::int64_t{variant.width}, variant.media.sha256,
         variant.media.content_type});
  }
}

std::vector<ImageVariant> find_variants(store::Connection& db, const std::string& original_sha256) {
  std::vector<ImageVariant> result;
  for (const auto& row :
       db.query("SELECT v.width, m.sha256, m.content_type, m.size FROM media_variants v"
                " JOIN media m ON m.sha256 = v.variant_sha256 WHERE v.sha256 = ? ORDER BY v.width",
                {original_sha256})) {
    result.push_back(
        {static_cast<int>(row.integer(0)), {row.text(1), row.text(2), row.integer(3)}});
  }
  return result;
}

std::optional<std::vector<ImageVariant>> make_import_variants(const MediaStore& store,
                                                              std::string_view bytes) {
  auto check = check_image_upload(bytes);
  auto* accepted = std::get_if<AcceptedUpload>(&check);
  if (!accepted) {
    // Not one of the upload image types (an SVG, say): served as is, no variants.
    if (std::get<UploadRefusal>(check) == UploadRefusal::type_not_allowed)
      return std::vector<ImageVariant>{};
    return std::nullopt;
  }
  if (accepted->content_type == "image/gif") return std::vector<ImageVariant>{};
  return make_variants(store, bytes);
}

std::optional<ImageHeader> stored_image_size(const MediaStore& store, const std::string& sha256) {
  static std::mutex mutex;
  static std::unordered_map<std::string, ImageHeader> known;
  constexpr std::size_t kRemembered = 10'000;
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(sha256); it != known.end()) return it->second;
  }
  if (!is_sha256_hex(sha256)) return std::nullopt;
  ensure_vips();
  const auto path = store.path_for(sha256);
  // Sequential access: libvips reads the header only, not the pixels.
  ImagePtr image(vips_image_new_from_file(path.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!image) {
    vips_error_clear();
    return std::nullopt;  // not remembered: the file may be written later (a staged import)
  }
  ImageHeader header{vips_image_get_width(image.get()), vips_image_get_height(image.get())};
  std::lock_guard lock(mutex);
  if (known.size() >= kRemembered) known.clear();
  known.emplace(sha256, header);
  return header;
}

std::map<std::string, ResponsiveImage> find_responsive_images(
    store::Connection& db, const MediaStore& store, const std::vector<std::string>& sha256s) {
  std::map<std::string, ResponsiveImage> images;
  for (const auto& sha256 : sha256s) {
    if (images.count(sha256)) continue;
    auto media = find_media(db, sha256);
    if (!media) continue;
    ResponsiveImage image{sha256, media->content_type, stored_image_size(store, sha256), {}};
    if (media->content_type != "image/gif") image.variants = find_variants(db, sha256);
    images.emplace(sha256, std::move(image));
  }
  return images;
}

}  // namespace rynek::content
