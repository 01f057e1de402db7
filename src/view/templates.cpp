// Mustache templates with kainjow::mustache.
//
// Thread safety: every template is parsed once, at load. kainjow's render() is a
// non-const member that may write the template's error message, so each render
// works on its own copy of the parsed tree (a cheap copy of small vectors; the
// section texts inside are shared, read-only). The loaded maps are never written
// after the constructor, so any number of threads may render at once.
//
// Partials come from our own map, not from the data: a context key that happens
// to share a partial's name ("header") must not shadow it. kainjow skips unknown
// partials silently; we record them and throw, because a silently empty block
// is a bug that would otherwise reach users.
#include "view/templates.hpp"

#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace rynek::view {
namespace mustache = kainjow::mustache;
namespace {

constexpr const char* kLayout = "layout";
constexpr const char* kExtension = ".mustache";

mustache::data to_data(const Value& value) {
  return std::visit(
      [](const auto& v) -> mustache::data {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          return mustache::data(v ? mustache::data::type::bool_true
                                  : mustache::data::type::bool_false);
        } else if constexpr (std::is_same_v<T, std::string>) {
          // An empty text is false in a section, as in mustache.js: {{#venue}}, {{venue}}{{/venue}}
          // shows nothing when there is no venue. Printed as {{venue}} it is empty either way.
          if (v.empty()) return mustache::data(mustache::data::type::bool_false);
          return mustache::data(v);
        } else if constexpr (std::is_same_v<T, Value::List>) {
          mustache::list items;
          items.reserve(v.size());
          for (const Value& item : v) items.push_back(to_data(item));
          return mustache::data(items);
        } else {
          mustache::data object(mustache::data::type::object);
          for (const auto& [key, item] : v) object[key] = to_data(item);
          return object;
        }
      },
      value.data());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read template " + path.string());
  return text.str();
}

// A render context whose partials come from the loaded templates.
class RenderContext : public mustache::context<std::string> {
 public:
  explicit RenderContext(const std::unordered_map<std::string, mustache::data>& partials)
      : partials_(partials) {}

  const mustache::data* get_partial(const std::string& name) const override {
    const auto it = partials_.find(name);
    if (it != partials_.end()) return &it->second;
    if (missing_.empty()) missing_ = name;
    return nullptr;
  }
  const std::string& missing() const { return missing_; }

 private:
  const std::unordered_map<std::string, mustache::data>& partials_;
  mutable std::string missing_;
};

}  // namespace

Value::Value(const Value& other) = default;
Value::Value(Value&& other) noexcept = default;
Value& Value::operator=(const Value& other) = default;
Value& Value::operator=(Value&& other) noexcept = default;
Value::~Value() = default;

Value& Value::operator[](const std::string& key) {
  if (!std::holds_alternative<Object>(data_)) data_ = Object{};
  return std::get<Object>(data_)[key];
}

struct Templates::Impl {
  std::unordered_map<std::string, mustache::mustache> templates;
  std::unordered_map<std::string, mustache::data> partials;  // name -> template source
  Translator translator;

  // Renders with `extras` ("t", and "content" for the layout) stacked above the
  // caller's data so that they win over caller keys of the same name.
  std::string render(const std::string& name, const mustache::data& data,
                     const mustache::data& extras) const {
    const auto it = templates.find(name);
    if (it == templates.end()) throw std::runtime_error("template not found: " + name);
    mustache::mustache tmpl = it->second;
    RenderContext context(partials);
    context.push(&data);
    context.push(&extras);
    std::string out = tmpl.render(context);
    if (!context.missing().empty()) {
      throw std::runtime_error("template " + name + ": partial not found: " + context.missing());
    }
    if (!tmpl.is_valid()) {
      throw std::runtime_error("template " + name + ": " + tmpl.error_message());
    }
    return out;
  }

  // {{#t}}msgid{{/t}}: the translation is plain text, so it is HTML-escaped; it is
  // then rendered as a template, so a translation may use {{variables}}.
  mustache::data extras_for(const std::string& lang) const {
    mustache::data extras(mustache::data::type::object);
    extras["t"] = mustache::data(mustache::lambda([this, lang](const std::string& msgid) {
      return mustache::html_escape(translator ? translator(lang, msgid) : msgid);
    }));
    return extras;
  }
};

Templates::Templates(const std::filesystem::path& dir, Translator translator)
    : impl_(std::make_unique<Impl>()) {
  impl_->translator = std::move(translator);
  if (!std::filesystem::is_directory(dir)) {
    throw std::runtime_error("template directory not found: " + dir.string());
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != kExtension) continue;
    std::filesystem::path relative = std::filesystem::relative(entry.path(), dir);
    const std::string name = relative.replace_extension().generic_string();
    std::string source = read_file(entry.path());
    mustache::mustache parsed(source);
    if (!parsed.is_valid()) {
      throw std::runtime_error("template " + entry.path().string() + ": " + parsed.error_message());
    }
    impl_->templates.emplace(name, std::move(parsed));
    impl_->partials.emplace(name, mustache::data(source));
  }
}

Templates::~Templates() = default;

bool Templates::has(const std::string& name) const {
  return impl_->templates.contains(name);
}

std::string Templates::render(const std::string& name, const Value& context,
                              const std::string& lang) const {
  return impl_->render(name, to_data(context), impl_->extras_for(lang));
}

std::string Templates::render_page(const std::string& name, const Value& context,
                                   const std::string& lang) const {
  const mustache::data data = to_data(context);
  mustache::data extras = impl_->extras_for(lang);
  std::string content = impl_->render(name, data, extras);
  extras["content"] = mustache::data(std::move(content));
  return impl_->render(kLayout, data, extras);
}

}  // namespace rynek::view
