// A real image of a given size, drawn by libvips, for the upload and import tests.
#pragma once

#include <gtest/gtest.h>
#include <vips/vips.h>
#include <zlib.h>

#include <cstdint>
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

inline void append_be32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

inline void append_chunk(std::string& out, const std::string& type, const std::string& data) {
  append_be32(out, static_cast<std::uint32_t>(data.size()));
  std::string typed = type + data;
  out += typed;
  append_be32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(typed.data()),
                                                    static_cast<uInt>(typed.size()))));
}

// A tiny PNG whose header declares width x height pixels, with a few bytes of
// (useless) pixel data: the "zip bomb" image.
inline std::string png_declaring(std::uint32_t width, std::uint32_t height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  append_be32(header, width);
  append_be32(header, height);
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, no interlace
  append_chunk(png, "IHDR", header);
  append_chunk(png, "IDAT", std::string("\x78\x9c\x63\x00\x00\x00\x01\x00\x01", 9));
  append_chunk(png, "IEND", "");
  return png;
}

}  // namespace rynek::content::test
