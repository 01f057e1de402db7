// Markdown rendering with cmark-gfm.
//
// Safety rests on cmark-gfm's default (safe) mode: without CMARK_OPT_UNSAFE the
// HTML renderer replaces raw HTML blocks and inline tags with a comment and
// empties the href/src of links and images whose URL, after entity decoding,
// starts with javascript:, vbscript:, file: or data: (except data:image/png,
// gif, jpeg, webp). We go one step further and unwrap such links before
// rendering, keeping their text. The tagfilter extension is attached as a second line of
// defence, should someone turn on unsafe mode later. Never add CMARK_OPT_UNSAFE:
// the unit tests in tests/unit/view/markdown_test.cpp pin this behaviour.
#include "view/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace rynek::view {
namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tasklist",
                                       "tagfilter"};

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;

ParserPtr make_parser() {
  // Registration writes a global list; do it once before any concurrent parse.
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  ParserPtr parser(cmark_parser_new(kOptions));
  if (!parser) throw std::bad_alloc();
  for (const char* name : kExtensions) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    if (extension == nullptr) {
      throw std::runtime_error(std::string("cmark-gfm extension missing: ") + name);
    }
    cmark_parser_attach_syntax_extension(parser.get(), extension);
  }
  return parser;
}

// cmark-gfm 0.29 keeps the inline parser's table of special characters in a
// global that every parse edits (extensions add "~" and "|" and remove them at
// the end; github/cmark-gfm PR #176), so concurrent parses corrupt each other:
// a unit test saw "~x~" left unparsed. Parsing is therefore serialised; HTML
// rendering runs outside the lock. Callers should cache rendered articles.
std::mutex parse_mutex;

NodePtr parse(cmark_parser* parser, std::string_view markdown) {
  const std::lock_guard lock(parse_mutex);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  NodePtr root(cmark_parser_finish(parser));
  if (!root) throw std::bad_alloc();
  return root;
}

// The page's <h1> is its title, so the body's highest heading becomes <h2> and
// the others keep their distance from it: "# A / ## B" and "## A / ### B" both
// give h2 / h3, so the outline never skips a level whatever the author started
// with. Levels past 6 stay at 6.
void shift_headings(cmark_node* root) {
  auto for_each_heading = [root](auto&& visit) {
    IterPtr iter(cmark_iter_new(root));
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
        visit(node);
    }
  };
  int highest = 7;
  for_each_heading(
      [&](cmark_node* node) { highest = std::min(highest, cmark_node_get_heading_level(node)); });
  if (highest == 7) return;
  const int shift = 2 - highest;
  for_each_heading([&](cmark_node* node) {
    cmark_node_set_heading_level(node,
                                 std::clamp(cmark_node_get_heading_level(node) + shift, 2, 6));
  });
}

// Mirrors cmark's own check on the decoded URL, so that a dangerous link is
// removed (its text kept) rather than rendered as a dead <a href="">. Browsers
// ignore blanks and control characters in a scheme, so those are dropped first.
bool is_dangerous_url(std::string_view url, bool image) {
  std::string scheme;
  for (char c : url.substr(0, 64)) {
    if (static_cast<unsigned char>(c) <= 0x20) continue;
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto starts = [&scheme](std::string_view prefix) { return scheme.starts_with(prefix); };
  if (starts("data:")) {
    return !(image && (starts("data:image/png") || starts("data:image/gif") ||
                       starts("data:image/jpeg") || starts("data:image/webp")));
  }
  return starts("javascript:") || starts("vbscript:") || starts("file:");
}

// Replaces links and images with dangerous URLs by their content (link text,
// image alt text). Nodes are collected first: cmark forbids changing a tree
// with children while its iterator walks it.
void unwrap_dangerous_links(cmark_node* root) {
  std::vector<cmark_node*> doomed;
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const auto type = cmark_node_get_type(node);
    if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) {
      continue;
    }
    const char* url = cmark_node_get_url(node);
    if (url != nullptr && is_dangerous_url(url, type == CMARK_NODE_IMAGE)) doomed.push_back(node);
  }
  iter.reset();
  // Innermost last in document order, so unwrapping never frees a node still listed.
  for (auto it = doomed.rbegin(); it != doomed.rend(); ++it) {
    cmark_node* node = *it;
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
  }
}

bool is_block(cmark_node* node) {
  return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// Concatenates the readable text; block ends and line breaks become spaces.
// Raw HTML and code blocks are left out: they are noise in a description.
std::string collect_text(cmark_node* root) {
  std::string text;
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const auto type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_EXIT) {
      if (is_block(node)) text += ' ';
      continue;
    }
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* literal = cmark_node_get_literal(node)) text += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      text += ' ';
    } else if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
      text += ' ';  // Leaf blocks: no EXIT event follows, so separate here.
    }
  }
  return text;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Byte offset of the code point with index `count`, or npos if text is shorter.
std::size_t offset_of_code_point(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (seen == count) return i;
    ++seen;
  }
  return std::string_view::npos;
}

}  // namespace

std::string render_markdown(std::string_view markdown) {
  ParserPtr parser = make_parser();
  NodePtr root = parse(parser.get(), markdown);
  shift_headings(root.get());
  unwrap_dangerous_links(root.get());
  char* html =
      cmark_render_html(root.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  if (html == nullptr) throw std::bad_alloc();
  std::string result(html);
  cmark_get_default_mem_allocator()->free(html);
  return result;
}

std::string markdown_to_text(std::string_view markdown, std::size_t max_chars) {
  ParserPtr parser = make_parser();
  NodePtr root = parse(parser.get(), markdown);
  std::string text = collapse_whitespace(collect_text(root.get()));
  if (offset_of_code_point(text, max_chars) == std::string::npos) return text;
  if (max_chars == 0) return {};
  // Keep max_chars - 1 code points so that the ellipsis fits in the budget.
  std::size_t cut = offset_of_code_point(text, max_chars - 1);
  if (!is_space(text[cut])) {
    // Back up to the start of the word that the cut would split, unless the
    // text is a single giant word, which is cut where it is.
    const std::size_t space = text.rfind(' ', cut);
    if (space != std::string::npos && space > 0) cut = space;
  }
  text.resize(cut);
  while (!text.empty() && is_space(text.back())) text.pop_back();
  return text + "\u2026";
}

}  // namespace rynek::view
