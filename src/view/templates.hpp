// HTML views: Mustache templates (kainjow) from <resources>/templates, HTML-escaped by default.
//
// Every page is rendered into templates/layout.mustache, which receives the page's
// own template output as {{{content}}}. Templates translate text with the
// {{#t}}English text{{/t}} lambda, which looks the text up in the request's language.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rynek::view {

// A tree of values handed to a template: text (escaped on output unless used as
// {{{triple}}}), booleans, lists and objects.
class Value {
 public:
  using Object = std::map<std::string, Value>;
  using List = std::vector<Value>;

  Value() : data_(false) {}
  Value(const char* text) : data_(std::string(text)) {}
  Value(std::string text) : data_(std::move(text)) {}
  Value(std::string_view text) : data_(std::string(text)) {}
  Value(bool flag) : data_(flag) {}
  Value(int number) : data_(std::to_string(number)) {}
  Value(long number) : data_(std::to_string(number)) {}
  Value(long long number) : data_(std::to_string(number)) {}
  Value(unsigned long number) : data_(std::to_string(number)) {}
  Value(List list) : data_(std::move(list)) {}
  Value(Object object) : data_(std::move(object)) {}
  // Defined out of line: inlined, the variant's move trips a false
  // -Wmaybe-uninitialized in GCC 12 at -O2 in every file that builds Values.
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();

  const auto& data() const { return data_; }
  // For objects: set a member (creates the object if this is not one yet).
  Value& operator[](const std::string& key);

 private:
  std::variant<bool, std::string, List, Object> data_;
};

// Looks up the translation of an English message id for a language. Injected
// (usually as a wrapper around core::translate) so that views do not depend on i18n.
// Called from many render threads at once, so it must be thread-safe. Message ids
// and translations are plain text: they are HTML-escaped, so keep markup outside
// {{#t}}...{{/t}}; a translation may contain {{variables}}.
using Translator = std::function<std::string(const std::string& lang, const std::string& msgid)>;

class Templates {
 public:
  // Loads and parses every *.mustache file under dir, recursively. A template's name
  // is its path relative to dir without the extension ("layout", "news/article"),
  // and partials use the same names ({{> news/card}}). A missing or empty translator
  // means identity: {{#t}}text{{/t}} renders "text". Throws std::runtime_error on
  // an unreadable file or a template with a syntax error, naming the file.
  explicit Templates(const std::filesystem::path& dir, Translator translator = {});
  ~Templates();
  Templates(const Templates&) = delete;
  Templates& operator=(const Templates&) = delete;

  // Renders `name` with `context` in language `lang` (for {{#t}}). Safe to call from
  // many threads at once. Throws std::runtime_error naming a missing template or
  // partial, or on a render error.
  std::string render(const std::string& name, const Value& context, const std::string& lang) const;
  // Renders `name` and wraps it in the "layout" template, which gets `context` plus
  // "content" (the page's HTML, to be written as {{{content}}}).
  std::string render_page(const std::string& name, const Value& context,
                          const std::string& lang) const;
  bool has(const std::string& name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rynek::view
