#include "http/multipart.hpp"

#include <gtest/gtest.h>

#include <random>

namespace rynek::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

std::string part(std::string_view disposition, std::string_view body,
                 std::string_view extra_headers = "") {
  return "--XyZ\r\nContent-Disposition: " + std::string(disposition) + "\r\n" +
         std::string(extra_headers) + "\r\n" + std::string(body) + "\r\n";
}

const std::string kClose = "--XyZ--\r\n";

MultipartError error_of(std::string_view type, std::string_view body, MultipartLimits limits = {}) {
  auto result = parse_multipart(type, body, limits);
  EXPECT_TRUE(std::holds_alternative<MultipartError>(result)) << "parsed, but should not have";
  return std::holds_alternative<MultipartError>(result) ? std::get<MultipartError>(result)
                                                        : MultipartError::not_multipart;
}

Multipart parsed(std::string_view type, std::string_view body) {
  auto result = parse_multipart(type, body);
  if (auto* error = std::get_if<MultipartError>(&result)) {
    ADD_FAILURE() << "error " << multipart_error_name(*error);
    return {};
  }
  return std::get<Multipart>(result);
}

TEST(Multipart, ParsesFieldsAndFiles) {
  std::string body = part("form-data; name=\"title\"", "Zażółć") +
                     part("form-data; name=\"file\"; filename=\"a.pdf\"",
                          std::string("%PDF\0\xff", 6), "Content-Type: application/pdf\r\n") +
                     kClose;
  auto result = parsed(kType, body);
  ASSERT_EQ(result.parts.size(), 2u);
  EXPECT_EQ(result.parts[0].name, "title");
  EXPECT_FALSE(result.parts[0].filename);
  EXPECT_EQ(result.parts[0].body, "Zażółć");
  ASSERT_TRUE(result.parts[1].filename);
  EXPECT_EQ(*result.parts[1].filename, "a.pdf");
  EXPECT_EQ(result.parts[1].content_type, "application/pdf");
  EXPECT_EQ(result.parts[1].body, std::string("%PDF\0\xff", 6));
  auto fields = result.fields();
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].second, "Zażółć");
}

TEST(Multipart, BoundaryQuotedOrNotAndCaseInsensitiveType) {
  std::string body = "--a b'c\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b'c--";
  auto result = parsed("Multipart/Form-Data; charset=utf-8; boundary=\"a b'c\"", body);
  ASSERT_EQ(result.parts.size(), 1u);
  EXPECT_EQ(result.parts[0].body, "1");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=----WebKitFormBoundary7MA4YWxk"),
            "----WebKitFormBoundary7MA4YWxk");
}

TEST(Multipart, RejectsBadContentTypes) {
  EXPECT_EQ(error_of("application/x-www-form-urlencoded", "a=1"), MultipartError::not_multipart);
  EXPECT_EQ(error_of("multipart/mixed; boundary=XyZ", kClose), MultipartError::not_multipart);
  EXPECT_EQ(error_of("multipart/form-data", kClose), MultipartError::bad_boundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=", kClose), MultipartError::bad_boundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=\"unterminated", kClose),
            MultipartError::not_multipart);
  EXPECT_EQ(error_of("multipart/form-data; boundary=a<b", kClose), MultipartError::bad_boundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=" + std::string(71, 'a'), kClose),
            MultipartError::bad_boundary);
  EXPECT_EQ(error_of("multipart/form-data; boundary=a; boundary=b", kClose),
            MultipartError::not_multipart);
}

TEST(Multipart, StripsPathsFromFileNames) {
  EXPECT_EQ(file_base_name("C:\\fakepath\\x.pdf"), "x.pdf");
  EXPECT_EQ(file_base_name("../../x"), "x");
  EXPECT_EQ(file_base_name("/etc/passwd"), "passwd");
  EXPECT_EQ(file_base_name(".."), "");
  EXPECT_EQ(file_base_name("dir/.."), "");
  std::string body = part("form-data; name=\"f\"; filename=\"C:\\fakepath\\x.pdf\"", "data") +
                     part("form-data; name=\"g\"; filename=\"../../x\"", "data") + kClose;
  auto result = parsed(kType, body);
  ASSERT_EQ(result.parts.size(), 2u);
  EXPECT_EQ(*result.parts[0].filename, "x.pdf");
  EXPECT_EQ(*result.parts[1].filename, "x");
}

TEST(Multipart, RejectsNulInNamesAndText) {
  std::string nul_name = part(std::string("form-data; name=\"a\0b\"", 21), "x") + kClose;
  EXPECT_EQ(error_of(kType, nul_name), MultipartError::bad_name);
  std::string nul_file =
      part(std::string("form-data; name=\"f\"; filename=\"a\0.pdf\"", 38), "x") + kClose;
  EXPECT_EQ(error_of(kType, nul_file), MultipartError::bad_name);
  std::string nul_text = part("form-data; name=\"t\"", std::string("a\0b", 3)) + kClose;
  EXPECT_EQ(error_of(kType, nul_text), MultipartError::bad_name);
  std::string bad_utf8 = part("form-data; name=\"t\"", "\xc3\x28") + kClose;
  EXPECT_EQ(error_of(kType, bad_utf8), MultipartError::bad_name);
}

TEST(Multipart, RejectsMissingFinalBoundary) {
  EXPECT_EQ(error_of(kType, part("form-data; name=\"a\"", "1")), MultipartError::malformed);
  EXPECT_EQ(error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"),
            MultipartError::malformed);
  EXPECT_EQ(error_of(kType, ""), MultipartError::malformed);
  EXPECT_EQ(error_of(kType, "no boundary at all"), MultipartError::malformed);
}

TEST(Multipart, RejectsJunkAfterBoundaryAndBrokenHeaders) {
  EXPECT_EQ(error_of(kType, "--XyZjunk\r\n" + kClose), MultipartError::malformed);
  EXPECT_EQ(error_of(kType, "--XyZ\r\nno colon here\r\n\r\nx\r\n" + kClose),
            MultipartError::malformed);
  // Obsolete header folding is refused.
  EXPECT_EQ(error_of(kType,
                     "--XyZ\r\nContent-Disposition: form-data; name=a\r\n filename=b\r\n\r\nx\r\n" +
                         kClose),
            MultipartError::malformed);
  EXPECT_EQ(error_of(kType, "--XyZ\r\n\r\nx\r\n" + kClose), MultipartError::bad_disposition);
  EXPECT_EQ(error_of(kType, part("attachment; name=\"a\"", "x") + kClose),
            MultipartError::bad_disposition);
  EXPECT_EQ(error_of(kType, part("form-data; filename=\"a\"", "x") + kClose),
            MultipartError::bad_disposition);
  EXPECT_EQ(error_of(kType, part("form-data; name=\"a", "x") + kClose),
            MultipartError::bad_disposition);
  EXPECT_EQ(
      error_of(kType, part("form-data; name=a", "x", "Content-Disposition: form-data; name=b\r\n") +
                          kClose),
      MultipartError::bad_disposition);
}

TEST(Multipart, EnforcesHeaderAndPartLimits) {
  std::string huge =
      part("form-data; name=\"a\"", "x", "X-Pad: " + std::string(10000, 'p') + "\r\n") + kClose;
  EXPECT_EQ(error_of(kType, huge), MultipartError::headers_too_large);
  std::string unterminated = "--XyZ\r\nX-Pad: " + std::string(10000, 'p');
  EXPECT_EQ(error_of(kType, unterminated), MultipartError::headers_too_large);
  std::string many_lines;
  for (int i = 0; i < 20; ++i) many_lines += "X-A: b\r\n";
  EXPECT_EQ(error_of(kType, part("form-data; name=\"a\"", "x", many_lines) + kClose),
            MultipartError::headers_too_large);
  std::string many_parts;
  for (int i = 0; i < 5; ++i) many_parts += part("form-data; name=\"a\"", "x");
  MultipartLimits limits;
  limits.max_parts = 4;
  EXPECT_EQ(error_of(kType, many_parts + kClose, limits), MultipartError::too_many_parts);
}

TEST(Multipart, BinaryDataContainingTheBoundaryPrefixStaysData) {
  // "--XyZ" not preceded by CRLF, and "\r\n--Xy" without the whole boundary, are content.
  std::string data = std::string("\x89PNG--XyZ\r\n--Xy\r\n-\0--XyZ", 24);
  auto result = parsed(kType, part("form-data; name=\"f\"; filename=\"x.bin\"", data) + kClose);
  ASSERT_EQ(result.parts.size(), 1u);
  EXPECT_EQ(result.parts[0].body, data);
}

TEST(Multipart, NestedBoundaryIsEitherDataOrAnError) {
  // A nested multipart with another boundary is just the part's content.
  std::string inner = "--inner\r\nContent-Disposition: form-data; name=\"z\"\r\n\r\n1\r\n--inner--";
  auto result = parsed(kType, part("form-data; name=\"f\"; filename=\"n\"", inner) + kClose);
  ASSERT_EQ(result.parts.size(), 1u);
  EXPECT_EQ(result.parts[0].body, inner);
  // The outer boundary inside the content ends the part early: what follows must
  // then be a well-formed part, which it is not here.
  std::string hostile =
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"n\"\r\n\r\n"
      "a\r\n--XyZ\r\nContent-Type: text/plain\r\n\r\nb\r\n" +
      kClose;
  EXPECT_EQ(error_of(kType, hostile), MultipartError::bad_disposition);
}

TEST(Multipart, EmptyPartsAndEmptyFileInputs) {
  std::string body = part("form-data; name=\"empty\"", "") +
                     part("form-data; name=\"file\"; filename=\"\"", "",
                          "Content-Type: application/octet-stream\r\n") +
                     kClose;
  auto result = parsed(kType, body);
  ASSERT_EQ(result.parts.size(), 2u);
  EXPECT_EQ(result.parts[0].body, "");
  ASSERT_TRUE(result.parts[1].filename);
  EXPECT_EQ(*result.parts[1].filename, "");
  // A message with no parts at all is well-formed.
  EXPECT_TRUE(parsed(kType, kClose).parts.empty());
}

TEST(Multipart, PreambleAndEpilogueAreIgnoredAndPaddingAllowed) {
  std::string body =
      "preamble\r\n--XyZ  \r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--\r\nepilogue";
  auto result = parsed(kType, body);
  ASSERT_EQ(result.parts.size(), 1u);
  EXPECT_EQ(result.parts[0].body, "1");
}

// Random mutations of a valid message never crash and never throw.
TEST(Multipart, SurvivesRandomMutations) {
  const std::string valid = part("form-data; name=\"title\"", "abc") +
                            part("form-data; name=\"f\"; filename=\"a.png\"", "\x89PNG\r\n\x1a\n") +
                            kClose;
  std::mt19937 random(1234);
  for (int round = 0; round < 20000; ++round) {
    std::string body = valid;
    int edits = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < edits; ++i) {
      auto at = random() % body.size();
      switch (random() % 3) {
        case 0:
          body[at] = static_cast<char>(random() % 256);
          break;
        case 1:
          body.erase(at, 1 + random() % 8);
          break;
        default:
          body.insert(at, std::string(1 + random() % 3, "\r\n-\"X;"[random() % 6]));
          break;
      }
      if (body.empty()) body = "x";
    }
    EXPECT_NO_THROW(parse_multipart(kType, body));
    EXPECT_NO_THROW(parse_multipart(std::string(kType) + body.substr(0, 5), body));
  }
}

}  // namespace
}  // namespace rynek::http
