#include "content/uploads.hpp"

#include <algorithm>
#include <array>

#include "content/images.hpp"
#include "content/media.hpp"
#include "core/i18n.hpp"

namespace rynek::content {
namespace {

constexpr std::array<std::string_view, 4> kImageTypes = {"image/png", "image/jpeg", "image/webp",
                                                         "image/gif"};

constexpr std::array<std::string_view, 13> kAttachmentTypes = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/msword",
    "application/vnd.ms-excel",
    // Archives are stored and offered for download as they are, never opened here.
    "application/zip",
    "text/plain",
    "text/csv",
    "application/vnd.ms-powerpoint",
};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view type) {
  return std::find(list.begin(), list.end(), type) != list.end();
}

// The header only (no pixels decoded): refused when unreadable or over the pixel limit.
UploadCheck check_image_header(std::string_view bytes, std::string type) {
  auto header = read_image_header(bytes);
  if (!header) return UploadRefusal::undecodable;
  if (static_cast<long>(header->width) * header->height > kMaxImagePixels) {
    return UploadRefusal::too_many_pixels;
  }
  return AcceptedUpload{std::move(type), header->width, header->height};
}

}  // namespace

bool is_allowed_image_type(std::string_view content_type) {
  return listed(kImageTypes, content_type);
}

bool is_allowed_attachment_type(std::string_view content_type) {
  return listed(kAttachmentTypes, content_type) || listed(kImageTypes, content_type);
}

UploadCheck check_image_upload(std::string_view bytes) {
  if (bytes.empty()) return UploadRefusal::empty;
  if (bytes.size() > kMaxImageBytes) return UploadRefusal::too_large;
  auto type = detect_content_type(bytes);
  if (!is_allowed_image_type(type)) return UploadRefusal::type_not_allowed;
  return check_image_header(bytes, std::move(type));
}

UploadCheck check_attachment_upload(std::string_view bytes) {
  if (bytes.empty()) return UploadRefusal::empty;
  if (bytes.size() > kMaxAttachmentBytes) return UploadRefusal::too_large;
  auto type = detect_content_type(bytes);
  if (!is_allowed_attachment_type(type)) return UploadRefusal::type_not_allowed;
  // An image attachment or seminar material is shown inline to every visitor: the
  // same header check and pixel limit as a hero image, so no decompression bomb.
  if (is_allowed_image_type(type)) return check_image_header(bytes, std::move(type));
  return AcceptedUpload{type, 0, 0};
}

const char* refusal_message(UploadRefusal refusal) {
  switch (refusal) {
    case UploadRefusal::empty:
      return core::N_("The file is empty.");
    case UploadRefusal::too_large:
      return core::N_("The file is too large.");
    case UploadRefusal::type_not_allowed:
      return core::N_(
          "This type of file is not accepted. Accepted: images (PNG, JPEG, WebP, GIF), PDF, office documents, text, CSV and ZIP.");
    case UploadRefusal::undecodable:
      return core::N_("The image cannot be read.");
    case UploadRefusal::too_many_pixels:
      return core::N_("The image is too large (at most 40 megapixels).");
  }
  return core::N_("The file is not accepted.");
}

}  // namespace rynek::content
