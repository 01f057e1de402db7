// multipart/form-data (RFC 7578 over RFC 2046), as browsers send file uploads.
//
// The whole body is already in memory (the route's body_limit bounded it), so the
// parser works on one string_view and never allocates more than the parts it
// returns. It is strict: anything but a well-formed message — no final boundary,
// a boundary line followed by junk, header folding, an over-long header block,
// too many parts, a part without a name, a NUL/CR/LF in a name — is an error value,
// never an exception, and never a half-parsed result.
//
// File names are reduced to their last path segment ("C:\fakepath\a.pdf" and
// "../../a.pdf" both give "a.pdf"): a name is only ever a label for downloads,
// never a path. Text fields must be valid UTF-8 without NUL, like url-encoded forms.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "http/url.hpp"

namespace rynek::http {

struct Part {
  std::string name;
  // Set for file inputs ("" when the browser sent no file). Already stripped of any path.
  std::optional<std::string> filename;
  std::string content_type;  // as declared by the client: informational only, never trusted
  std::string body;
};

struct Multipart {
  std::vector<Part> parts;

  const Part* find(std::string_view name) const;
  // The text fields (parts without a filename) as form parameters.
  Params fields() const;
};

enum class MultipartError {
  not_multipart,  // Content-Type is not multipart/form-data
  bad_boundary,   // missing, empty, too long or with forbidden characters
  malformed,      // structure broken: missing final boundary, junk after a boundary...
  too_many_parts,
  headers_too_large,
  bad_disposition,  // no Content-Disposition: form-data with a name
  bad_name,         // NUL/CR/LF or invalid UTF-8 in a name, or a text field that is not clean text
};

struct MultipartLimits {
  std::size_t max_parts = 64;
  std::size_t max_header_bytes = 4096;  // per part
};

using MultipartResult = std::variant<Multipart, MultipartError>;

// The boundary parameter of a multipart/form-data Content-Type, unquoted.
std::optional<std::string> multipart_boundary(std::string_view content_type);

MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits = {});

// "C:\\fakepath\\x.pdf" -> "x.pdf", "../../x" -> "x", ".." -> "".
std::string file_base_name(std::string_view name);

std::string_view multipart_error_name(MultipartError error);

}  // namespace rynek::http
