// Translations: gettext catalogs loaded through Boost.Locale (ICU backend).
//
// Generating a std::locale with Boost.Locale parses the .mo files and builds
// ICU objects, which takes milliseconds, while translate() runs thousands of
// times a second on every I/O thread. So init_i18n() generates one locale per
// language once and publishes the set through an atomic pointer; lookups then
// only read the immutable message facet. Earlier sets are kept alive (tests
// call init_i18n() again) so that a reader never sees a freed locale.
#include "core/i18n.hpp"

#include <algorithm>
#include <atomic>
#include <boost/locale.hpp>
#include <climits>
#include <memory>
#include <mutex>
#include <vector>

namespace rynek::core {
namespace {

constexpr const char* kDomain = "rynek";

using Messages = boost::locale::message_format<char>;

// A generated locale and, looked up once, its message facet and domain id.
struct Language {
  std::locale locale;
  const Messages* messages = nullptr;  // owned by locale
  int domain = 0;

  explicit Language(std::locale generated) : locale(std::move(generated)) {
    if (std::has_facet<Messages>(locale)) {
      messages = &std::use_facet<Messages>(locale);
      domain = messages->domain(kDomain);
    }
  }
};

struct Catalogs {
  Language pl;
  Language en;
};

std::atomic<const Catalogs*> current_catalogs{nullptr};
std::mutex catalogs_mutex;
std::vector<std::unique_ptr<Catalogs>> all_catalogs;  // guarded by catalogs_mutex

std::unique_ptr<Catalogs> generate(const std::filesystem::path& catalog_dir) {
  auto backends = boost::locale::localization_backend_manager::global();
  backends.select("icu");
  boost::locale::generator generator(backends);
  generator.add_messages_path(catalog_dir.string());
  generator.add_messages_domain(kDomain);
  generator.categories(boost::locale::category_t::message | boost::locale::category_t::information);
  return std::make_unique<Catalogs>(
      Catalogs{Language(generator("pl_PL.UTF-8")), Language(generator("en_GB.UTF-8"))});
}

// Null before init_i18n() or for an unsupported language: callers fall back to the msgid.
const Language* language(std::string_view lang) {
  const Catalogs* catalogs = current_catalogs.load(std::memory_order_acquire);
  if (catalogs == nullptr) return nullptr;
  const Language* found = lang == "pl" ? &catalogs->pl : lang == "en" ? &catalogs->en : nullptr;
  return found != nullptr && found->messages != nullptr ? found : nullptr;
}

}  // namespace

void init_i18n(const std::filesystem::path& catalog_dir) {
  auto catalogs = generate(catalog_dir);
  std::lock_guard lock(catalogs_mutex);
  current_catalogs.store(catalogs.get(), std::memory_order_release);
  all_catalogs.push_back(std::move(catalogs));
}

bool is_supported_language(std::string_view lang) {
  return lang == "pl" || lang == "en";
}

std::string translate(std::string_view lang, std::string_view msgid) {
  const Language* language_data = language(lang);
  if (language_data == nullptr) return std::string(msgid);
  const std::string id(msgid);
  const char* found = language_data->messages->get(language_data->domain, nullptr, id.c_str());
  return found != nullptr ? std::string(found) : id;
}

namespace {

// Replaces every "%1%" with the count, so catalogs can place the number freely.
std::string with_count(std::string_view text, long n) {
  std::string out(text);
  const std::string number = std::to_string(n);
  for (auto pos = out.find("%1%"); pos != std::string::npos;
       pos = out.find("%1%", pos + number.size())) {
    out.replace(pos, 3, number);
  }
  return out;
}

}  // namespace

std::string translate_plural(std::string_view lang, std::string_view singular,
                             std::string_view plural, long n) {
  // Plural rules look at the last digits only, so huge counts can be folded
  // into int range without changing the chosen form.
  unsigned long folded =
      n < 0 ? 0UL - static_cast<unsigned long>(n) : static_cast<unsigned long>(n);
  if (folded > INT_MAX) folded = folded % 1000 + 1000;
  if (const Language* language_data = language(lang)) {
    const std::string id(singular);
    if (const char* found = language_data->messages->get(language_data->domain, nullptr, id.c_str(),
                                                         static_cast<int>(folded))) {
      return with_count(found, n);
    }
  }
  return with_count(n == 1 ? singular : plural, n);
}

}  // namespace rynek::core
