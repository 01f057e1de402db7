// Hero images of imported articles get WebP variants like uploaded ones, and
// pages can read them back with the original's pixel size.
#include <gtest/gtest.h>

#include <fstream>

#include "../store/database_fixture.hpp"
#include "content/import.hpp"
#include "test_image.hpp"

namespace rynek::content {
namespace {

namespace fs = std::filesystem;

using test::make_image;

class HeroImportTest : public store::test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    media_ = std::make_unique<MediaStore>(root_ / "data");
  }

  // An article folder with its hero image file.
  void article(const std::string& slug, const std::string& image_name, const std::string& image) {
    auto dir = root_ / "content" / "articles" / slug;
    fs::create_directories(dir);
    std::ofstream(dir / "index.md", std::ios::binary)
        << "+++\ntitle = \"Artykuł\"\npublished = 2026-03-01T09:00:00Z\n[hero]\nimage = \""
        << image_name << "\"\nalt = \"Opis\"\n+++\nTreść.\n";
    std::ofstream(dir / image_name, std::ios::binary) << image;
  }

  ImportReport run() { return import_articles(*db_, *media_, root_ / "content"); }

  std::string hero_of(const std::string& slug) {
    return db_->read([&](store::Connection& c) {
      return c.query_one("SELECT hero_sha256 FROM articles WHERE slug = ?", {slug})->text(0);
    });
  }

  std::map<std::string, ResponsiveImage> responsive(const std::string& sha256) {
    return db_->read([&](store::Connection& c) {
      return find_responsive_images(c, *media_, {sha256, sha256});
    });
  }

  std::unique_ptr<MediaStore> media_;
};

TEST_F(HeroImportTest, AnImportedHeroGetsStoredWebpVariantsAndItsSize) {
  article("z-obrazem", "grafika.png", make_image(1200, 675));
  auto report = run();
  ASSERT_TRUE(report.errors.empty()) << report.errors.front();
  auto hero = hero_of("z-obrazem");
  auto images = responsive(hero);
  ASSERT_EQ(images.size(), 1u);
  const auto& image = images.at(hero);
  EXPECT_EQ(image.content_type, "image/png");
  ASSERT_TRUE(image.size);
  EXPECT_EQ(image.size->width, 1200);
  EXPECT_EQ(image.size->height, 675);
  ASSERT_EQ(image.variants.size(), 2u);  // 480 and 960; 1600 would be wider than the original
  EXPECT_EQ(image.variants[0].width, 480);
  EXPECT_EQ(image.variants[1].width, 960);
  for (const auto& variant : image.variants) {
    EXPECT_EQ(variant.media.content_type, "image/webp");
    auto bytes = media_->read(variant.media.sha256);
    ASSERT_TRUE(bytes) << "the variant's file is written";
    EXPECT_EQ(detect_content_type(*bytes), "image/webp");
  }

  // Importing again keeps one row per width.
  ASSERT_TRUE(run().errors.empty());
  EXPECT_EQ(responsive(hero).at(hero).variants.size(), 2u);
}

TEST_F(HeroImportTest, AGifHeroKeepsItsAnimationAndGetsNoVariants) {
  article("gif", "ruch.gif", make_image(800, 450, ".gif"));
  ASSERT_TRUE(run().errors.empty());
  auto hero = hero_of("gif");
  auto image = responsive(hero).at(hero);
  EXPECT_EQ(image.content_type, "image/gif");
  EXPECT_TRUE(image.variants.empty());
  ASSERT_TRUE(image.size);
  EXPECT_EQ(image.size->width, 800);
}

TEST_F(HeroImportTest, ADamagedHeroIsAnImportErrorAndNothingIsWritten) {
  auto png = make_image(1000, 600);
  article("uszkodzony", "zly.png", png.substr(0, png.size() / 3));
  auto report = run();
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].find("hero.image 'zly.png' cannot be resized"), std::string::npos)
      << report.errors[0];
  EXPECT_FALSE(fs::exists(root_ / "data" / "media"));
}

TEST(StoredImageSize, UnknownOrMissingFilesHaveNoSize) {
  MediaStore store(fs::temp_directory_path() / "rynek-images-nothing-here");
  EXPECT_FALSE(stored_image_size(store, std::string(64, 'a')));
  EXPECT_FALSE(stored_image_size(store, "not-a-hash"));
}

}  // namespace
}  // namespace rynek::content
