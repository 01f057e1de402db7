// What may be uploaded, decided from the bytes only.
//
// The declared type and the file name are never trusted: libmagic names the type
// (detect_content_type) and only types on these lists are kept. Nothing is ever
// decompressed or parsed beyond what the type check and, for images, libvips'
// header read need, so archives and "zip bomb" images cost nothing to refuse.
// A refused upload is stored nowhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace rynek::content {

inline constexpr std::size_t kMaxImageBytes = 10 * 1024 * 1024;
inline constexpr std::size_t kMaxAttachmentBytes = 20 * 1024 * 1024;
// Larger images are refused before their pixels are decoded.
inline constexpr long kMaxImagePixels = 40'000'000;

enum class UploadRefusal {
  empty,             // no bytes
  too_large,         // over the size limit of its kind
  type_not_allowed,  // libmagic names a type not on the list (scripts, HTML, executables...)
  undecodable,       // an image type libvips cannot read
  too_many_pixels,   // declared dimensions over kMaxImagePixels
};

struct AcceptedUpload {
  std::string content_type;
  int width = 0;  // images only
  int height = 0;
};

using UploadCheck = std::variant<AcceptedUpload, UploadRefusal>;

bool is_allowed_image_type(std::string_view content_type);
bool is_allowed_attachment_type(std::string_view content_type);

// Hero images: PNG, JPEG, WebP or GIF that libvips reads, within the size and pixel limits.
UploadCheck check_image_upload(std::string_view bytes);
// Attachments and seminar materials: documents, spreadsheets, presentations, text,
// CSV, ZIP, images; an image is held to the hero images' header check and pixel limit.
UploadCheck check_attachment_upload(std::string_view bytes);

// A message id (English, translated by the caller) explaining a refusal.
const char* refusal_message(UploadRefusal refusal);

}  // namespace rynek::content
