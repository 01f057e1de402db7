// Small text helpers shared by every layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rynek::core {

bool is_valid_utf8(std::string_view text);
std::string html_escape(std::string_view text);
// "Zażółć gęślą jaźń!" -> "zazolc-gesla-jazn"
std::string slugify(std::string_view text);
// What slugify() makes and addresses use: [a-z0-9]+(-[a-z0-9]+)*, at most
// kMaxSlugLength characters. Imports and the back-office forms check slugs with it.
inline constexpr std::size_t kMaxSlugLength = 120;
bool is_slug(std::string_view text);
std::string to_lower_ascii(std::string_view text);
std::string_view trim(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
std::string sha256_hex(std::string_view data);
// Human-readable size in the given language, e.g. "1,2 MB" (pl) / "1.2 MB" (en).
std::string format_size(std::uint64_t bytes, std::string_view lang);
// A database id as written in a URL or form: ASCII digits only (no sign, no
// spaces), greater than zero, fitting std::int64_t; anything else is nullopt.
std::optional<std::int64_t> parse_positive_id(std::string_view text);

}  // namespace rynek::core
