// Every English text a visitor can see must have its Polish translation: this
// scans the templates ({{#t}}...{{/t}}) and the sources (translate(lang, "..."),
// t("...") and the error texts) and checks the Polish catalog for each.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace rynek::web {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::set<std::string> collect(const fs::path& dir, const std::string& extension,
                              const std::regex& pattern) {
  std::set<std::string> ids;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != extension) continue;
    auto text = read(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
      ids.insert((*it)[1]);
  }
  return ids;
}

// The msgids of locale/pl.po that have a non-empty translation.
std::set<std::string> polish_catalog() {
  auto text = read(fs::path(RYNEK_SOURCE_DIR) / "locale" / "pl.po");
  std::set<std::string> ids;
  std::regex entry(
      R"re(msgid "((?:[^"\\]|\\.)+)"\n(?:msgid_plural "[^\n]*"\n)?msgstr(?:\[0\])? "((?:[^"\\]|\\.)+)")re");
  for (std::sregex_iterator it(text.begin(), text.end(), entry), end; it != end; ++it) {
    ids.insert(std::regex_replace((*it)[1].str(), std::regex(R"(\\")"), "\""));
  }
  return ids;
}

TEST(Catalog, EveryTemplateTextHasAPolishTranslation) {
  const auto catalog = polish_catalog();
  auto ids = collect(fs::path(RYNEK_SOURCE_DIR) / "templates", ".mustache",
                     std::regex(R"re(\{\{#t\}\}([^{]+)\{\{/t\}\})re"));
  ASSERT_GT(ids.size(), 20u);
  for (const auto& id : ids) EXPECT_TRUE(catalog.contains(id)) << "missing in locale/pl.po: " << id;
}

TEST(Catalog, EveryTextInTheSourcesHasAPolishTranslation) {
  const auto catalog = polish_catalog();
  // translate(lang, "..."), translate_plural(lang, "...", ...), t("...") and N_("...") marks.
  std::regex call(
      R"re((?:translate(?:_plural)?\(\s*(?:lang|app\.config\.lang|language),\s*|\bt\(\s*|\bN_\(\s*)"((?:[^"\\]|\\.)+)")re");
  auto ids = collect(fs::path(RYNEK_SOURCE_DIR) / "src", ".cpp", call);
  ASSERT_GT(ids.size(), 20u);
  for (auto id : ids) {
    id = std::regex_replace(id, std::regex(R"(\\")"), "\"");
    EXPECT_TRUE(catalog.contains(id)) << "missing in locale/pl.po: " << id;
  }
}

}  // namespace
}  // namespace rynek::web
