// Upload checks: the type from the bytes, the size and pixel limits, and the
// resized variants of images.
#include "content/uploads.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "../content/test_image.hpp"
#include "content/images.hpp"

namespace rynek::content {
namespace {

namespace fs = std::filesystem;

// A real PNG of the given size, drawn by libvips.
std::string make_png(int width, int height) {
  return test::make_image(width, height, ".png");
}

using test::png_declaring;

UploadRefusal refusal(const UploadCheck& check) {
  EXPECT_TRUE(std::holds_alternative<UploadRefusal>(check)) << "accepted, but should not be";
  return std::holds_alternative<UploadRefusal>(check) ? std::get<UploadRefusal>(check)
                                                      : UploadRefusal::empty;
}

TEST(Uploads, AcceptsARealPngWithItsDimensions) {
  auto check = check_image_upload(make_png(640, 360));
  ASSERT_TRUE(std::holds_alternative<AcceptedUpload>(check));
  EXPECT_EQ(std::get<AcceptedUpload>(check).content_type, "image/png");
  EXPECT_EQ(std::get<AcceptedUpload>(check).width, 640);
  EXPECT_EQ(std::get<AcceptedUpload>(check).height, 360);
}

TEST(Uploads, RefusesAnImageDeclaringTooManyPixelsWithoutDecodingIt) {
  auto bomb = png_declaring(100000, 100000);
  EXPECT_LT(bomb.size(), 100u);
  EXPECT_EQ(refusal(check_image_upload(bomb)), UploadRefusal::too_many_pixels);
}

// Issue 8, D27: attachments and seminar materials are shown inline when they are
// images, so they get the hero images' pixel limit, checked from the header.
TEST(Uploads, RefusesAnImageAttachmentDeclaringTooManyPixels) {
  EXPECT_EQ(refusal(check_attachment_upload(png_declaring(100000, 100000))),
            UploadRefusal::too_many_pixels);
  EXPECT_EQ(refusal(check_attachment_upload(png_declaring(7000, 6000))),
            UploadRefusal::too_many_pixels);
  auto small = check_attachment_upload(make_png(64, 48));
  ASSERT_TRUE(std::holds_alternative<AcceptedUpload>(small));
  EXPECT_EQ(std::get<AcceptedUpload>(small).width, 64);
  EXPECT_EQ(std::get<AcceptedUpload>(small).height, 48);
}

TEST(Uploads, RefusesAnImageWhosePixelsCannotBeDecoded) {
  // The header is fine, so the check passes; producing the variants decodes the
  // pixels, fails, and stores nothing.
  auto broken = png_declaring(200, 100);
  ASSERT_TRUE(std::holds_alternative<AcceptedUpload>(check_image_upload(broken)));
  auto root = fs::temp_directory_path() / ("rynek-uploads-" + std::to_string(::getpid()));
  fs::remove_all(root);
  MediaStore store(root);
  EXPECT_FALSE(make_variants(store, broken));
  EXPECT_FALSE(fs::exists(root / "media"));
  fs::remove_all(root);
}

TEST(Uploads, RefusesScriptsAndHtmlWhateverTheirName) {
  EXPECT_EQ(refusal(check_attachment_upload("#!/bin/sh\nrm -rf ~\n")),
            UploadRefusal::type_not_allowed);
  EXPECT_EQ(refusal(check_attachment_upload(
                "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")),
            UploadRefusal::type_not_allowed);
  EXPECT_EQ(refusal(check_image_upload(
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")),
            UploadRefusal::type_not_allowed);
  EXPECT_EQ(refusal(check_image_upload("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")),
            UploadRefusal::type_not_allowed);
  EXPECT_EQ(refusal(check_attachment_upload(std::string("\x7f"
                                                        "ELF\x02\x01\x01",
                                                        7) +
                                            std::string(64, '\0'))),
            UploadRefusal::type_not_allowed);
}

TEST(Uploads, AcceptsDocumentsAndTextAsAttachments) {
  auto pdf = check_attachment_upload(
      "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
  ASSERT_TRUE(std::holds_alternative<AcceptedUpload>(pdf));
  EXPECT_EQ(std::get<AcceptedUpload>(pdf).content_type, "application/pdf");
  EXPECT_TRUE(std::holds_alternative<AcceptedUpload>(
      check_attachment_upload("Zwykły tekst.\nDruga linia.\n")));
  EXPECT_TRUE(std::holds_alternative<AcceptedUpload>(check_attachment_upload(make_png(10, 10))));
}

TEST(Uploads, RefusesEmptyAndOversizedFiles) {
  EXPECT_EQ(refusal(check_attachment_upload("")), UploadRefusal::empty);
  EXPECT_EQ(refusal(check_image_upload("")), UploadRefusal::empty);
  EXPECT_EQ(refusal(check_attachment_upload(std::string(kMaxAttachmentBytes + 1, 'a'))),
            UploadRefusal::too_large);
  EXPECT_EQ(refusal(check_image_upload(std::string(kMaxImageBytes + 1, 'a'))),
            UploadRefusal::too_large);
}

TEST(Uploads, MakesWebpVariantsNoWiderThanTheOriginal) {
  auto root = fs::temp_directory_path() / ("rynek-variants-" + std::to_string(::getpid()));
  fs::remove_all(root);
  MediaStore store(root);
  auto variants = make_variants(store, make_png(1200, 600));
  ASSERT_TRUE(variants);
  ASSERT_EQ(variants->size(), 2u);
  EXPECT_EQ((*variants)[0].width, 480);
  EXPECT_EQ((*variants)[1].width, 960);
  for (const auto& variant : *variants) {
    EXPECT_EQ(variant.media.content_type, "image/webp");
    EXPECT_TRUE(fs::exists(store.path_for(variant.media.sha256)));
  }
  auto small = make_variants(store, make_png(300, 200));
  ASSERT_TRUE(small);
  ASSERT_EQ(small->size(), 1u);
  EXPECT_EQ((*small)[0].width, 300);
  fs::remove_all(root);
}

}  // namespace
}  // namespace rynek::content
