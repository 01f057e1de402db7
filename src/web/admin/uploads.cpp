#include "web/admin/uploads.hpp"

#include "content/uploads.hpp"

namespace rynek::web::admin {

std::variant<StoredImage, std::string> store_image_upload(const App& app, std::string_view bytes) {
  auto check = content::check_image_upload(bytes);
  if (auto* refusal = std::get_if<content::UploadRefusal>(&check))
    return content::refusal_message(*refusal);
  // Decoding for the variants is also the proof that the pixels can be read.
  auto variants = content::make_variants(app.media, bytes);
  if (!variants) return content::refusal_message(content::UploadRefusal::undecodable);
  return StoredImage{app.media.store(bytes), std::move(*variants)};
}

std::variant<content::StoredMedia, std::string> store_attachment_upload(const App& app,
                                                                        std::string_view bytes) {
  auto check = content::check_attachment_upload(bytes);
  if (auto* refusal = std::get_if<content::UploadRefusal>(&check))
    return content::refusal_message(*refusal);
  return app.media.store(bytes);
}

bool run_off_io_thread(const App& app, core::UniqueFunction<void()> work) {
  return app.work_pool.post(std::move(work));
}

std::string record_image(store::Connection& db, const StoredImage& image) {
  content::record_media(db, image.original);
  content::record_variants(db, image.original.sha256, image.variants);
  return image.original.sha256;
}

}  // namespace rynek::web::admin
