// A real image of a given size, drawn by libvips, for the upload and import tests.
#pragma once

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <string>

#include "content/images.hpp"

namespace rynek::content::test {

// Black pixels in the given format (".png", ".gif"...).
inline std::string make_image(int width, int height, const char* format = ".png") {
  read_image_header("");  // initialises libvips
  VipsImage* image = nullptr;
  EXPECT_EQ(vips_black(&image, width, height, "bands", 3, nullptr), 0);
  void* buffer = nullptr;
  std::size_t length = 0;
  EXPECT_EQ(vips_image_write_to_buffer(image, format, &buffer, &length, nullptr), 0);
  g_object_unref(image);
  std::string bytes(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return bytes;
}

}  // namespace rynek::content::test
