// Uploaded files in the back office: checked from their bytes (content/uploads.hpp),
// then written to the media store. Only files; the caller records the rows in
// its write job. A refused file is written nowhere.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "content/images.hpp"
#include "content/media.hpp"
#include "store/database.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

// Body limits of the routes that take uploads (checked by the server before reading).
inline constexpr std::size_t kImageFormBodyLimit = 11 * 1024 * 1024;
inline constexpr std::size_t kAttachmentFormBodyLimit = 21 * 1024 * 1024;
// ... and of the small forms beside them (removing an attachment or material).
inline constexpr std::size_t kSmallFormBodyLimit = 16 * 1024;

struct StoredImage {
  content::StoredMedia original;
  std::vector<content::ImageVariant> variants;
};

// On refusal: an English message id for core::translate.
std::variant<StoredImage, std::string> store_image_upload(const App& app, std::string_view bytes);
std::variant<content::StoredMedia, std::string> store_attachment_upload(const App& app,
                                                                        std::string_view bytes);

// Runs slow work (image decoding, fsync of media files) off the I/O threads, on
// the application's bounded pool. False when the pool is full (answer 503). A job
// that throws is logged and dropped: whatever answer it owned is then given by
// the Responder's abandonment (500), so the request never hangs.
bool run_off_io_thread(const App& app, core::UniqueFunction<void()> work);

// In a write job: records a stored image and its variants; returns its hash.
std::string record_image(store::Connection& db, const StoredImage& image);

// The last step of a form with a hero image (articles, seminars). Without a
// new image `write(save)` runs at once. Otherwise the image is decoded,
// resized and stored off the I/O thread; then save->image is set and
// `write(save)` runs, or `refuse(save, message)` re-renders the form with the
// (translated) refusal. `busy()` answers when the pool is full.
template <class Save, class Write, class Refuse, class Busy>
void store_hero_then_write(std::shared_ptr<Save> save, Write write, Refuse refuse, Busy busy) {
  if (save->input.hero_bytes.empty()) return write(save);
  bool queued = run_off_io_thread(save->state->app, [save, write, refuse] {
    auto stored = store_image_upload(save->state->app, save->input.hero_bytes);
    save->input.hero_bytes.clear();
    if (auto* refusal = std::get_if<std::string>(&stored)) return refuse(save, *refusal);
    save->image = std::get<StoredImage>(std::move(stored));
    write(save);
  });
  if (!queued) busy();
}

}  // namespace rynek::web::admin
