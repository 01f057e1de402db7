#include "view/templates.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace rynek::view {
namespace {

namespace fs = std::filesystem;

// A throw-away template directory, removed at the end of the test.
class TemplateDir {
 public:
  TemplateDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("rynek_view_test_" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TemplateDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  void write(const std::string& relative, const std::string& text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

class TemplatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("layout.mustache",
               "<html lang=\"{{lang}}\"><title>{{title}}</title><main>{{{content}}}</main></html>");
    dir_.write("plain.mustache", "{{x}}|{{{x}}}");
    dir_.write("list.mustache", "{{#items}}<li>{{name}}</li>{{/items}}{{^items}}none{{/items}}");
    dir_.write("flag.mustache", "{{#on}}yes{{/on}}{{^on}}no{{/on}}");
    dir_.write("news/card.mustache", "[{{title}}]");
    dir_.write("news/index.mustache", "{{#articles}}{{> news/card}}{{/articles}}");
    dir_.write("greet.mustache", "{{#t}}Hello{{/t}}, {{name}}! {{#t}}Welcome, {{name}}{{/t}}");
    dir_.write("broken_partial.mustache", "a{{> nowhere}}b");
    dir_.write("page.mustache", "<h1>{{title}}</h1>{{content}}");
    dir_.write("notes.txt", "not a template");
  }

  TemplateDir dir_;
};

std::string fake_translate(const std::string& lang, const std::string& msgid) {
  if (lang == "pl" && msgid == "Hello") return "Dzień dobry";
  if (lang == "pl" && msgid == "Welcome, {{name}}") return "Witaj, {{name}} & <reszta>";
  return msgid;
}

TEST_F(TemplatesTest, LoadsRecursivelyByRelativeName) {
  const Templates templates(dir_.path());
  EXPECT_TRUE(templates.has("layout"));
  EXPECT_TRUE(templates.has("news/card"));
  EXPECT_TRUE(templates.has("news/index"));
  EXPECT_FALSE(templates.has("notes"));
  EXPECT_FALSE(templates.has("card"));
}

TEST_F(TemplatesTest, DoubleMustacheEscapesAndTripleDoesNot) {
  const Templates templates(dir_.path());
  Value context;
  context["x"] = "<a href=\"x\">Tom & Jerry's</a>";
  EXPECT_EQ(templates.render("plain", context, "en"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;|"
            "<a href=\"x\">Tom & Jerry's</a>");
}

TEST_F(TemplatesTest, SectionsIterateListsAndInvertedSectionsShowEmpty) {
  const Templates templates(dir_.path());
  Value context;
  Value first, second;
  first["name"] = "a<b";
  second["name"] = "c";
  context["items"] = Value::List{first, second};
  EXPECT_EQ(templates.render("list", context, "en"), "<li>a&lt;b</li><li>c</li>");
  context["items"] = Value::List{};
  EXPECT_EQ(templates.render("list", context, "en"), "none");
}

TEST_F(TemplatesTest, BooleansControlSections) {
  const Templates templates(dir_.path());
  EXPECT_EQ(templates.render("flag", Value::Object{{"on", true}}, "en"), "yes");
  EXPECT_EQ(templates.render("flag", Value::Object{{"on", false}}, "en"), "no");
  EXPECT_EQ(templates.render("flag", Value::Object{}, "en"), "no");
}

TEST_F(TemplatesTest, PartialsResolveByRelativeName) {
  const Templates templates(dir_.path());
  Value context;
  context["articles"] =
      Value::List{Value::Object{{"title", "One"}}, Value::Object{{"title", "<2>"}}};
  EXPECT_EQ(templates.render("news/index", context, "en"), "[One][&lt;2&gt;]");
}

TEST_F(TemplatesTest, ContextKeyDoesNotShadowPartial) {
  const Templates templates(dir_.path());
  Value context;
  context["news/card"] = "{{title}} hijacked";
  context["articles"] = Value::List{Value::Object{{"title", "One"}}};
  EXPECT_EQ(templates.render("news/index", context, "en"), "[One]");
}

TEST_F(TemplatesTest, TranslationLambdaUsesTranslatorAndLanguage) {
  const Templates templates(dir_.path(), fake_translate);
  Value context;
  context["name"] = "<Ola>";
  EXPECT_EQ(templates.render("greet", context, "pl"),
            "Dzień dobry, &lt;Ola&gt;! Witaj, &lt;Ola&gt; &amp; &lt;reszta&gt;");
  EXPECT_EQ(templates.render("greet", context, "en"), "Hello, &lt;Ola&gt;! Welcome, &lt;Ola&gt;");
}

TEST_F(TemplatesTest, WithoutTranslatorTextIsUnchanged) {
  const Templates templates(dir_.path());
  EXPECT_EQ(templates.render("greet", Value::Object{{"name", "Ola"}}, "pl"),
            "Hello, Ola! Welcome, Ola");
}

TEST_F(TemplatesTest, RenderPageWrapsInLayoutWithSameContext) {
  const Templates templates(dir_.path());
  Value context;
  context["title"] = "News & more";
  context["lang"] = "pl";
  // A caller's own "content" key is visible to the page but not to the layout,
  // which must receive the page's HTML.
  context["content"] = "<i>body</i>";
  EXPECT_EQ(templates.render_page("page", context, "pl"),
            "<html lang=\"pl\"><title>News &amp; more</title><main>"
            "<h1>News &amp; more</h1>&lt;i&gt;body&lt;/i&gt;</main></html>");
}

TEST_F(TemplatesTest, MissingTemplateThrowsNamingIt) {
  const Templates templates(dir_.path());
  try {
    templates.render("no/such", Value{}, "en");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("no/such"), std::string::npos);
  }
}

TEST_F(TemplatesTest, MissingPartialThrowsNamingIt) {
  const Templates templates(dir_.path());
  try {
    templates.render("broken_partial", Value{}, "en");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("nowhere"), std::string::npos);
  }
}

TEST_F(TemplatesTest, SyntaxErrorThrowsAtLoadNamingFile) {
  dir_.write("bad.mustache", "{{#open}}never closed");
  try {
    const Templates templates(dir_.path());
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("bad.mustache"), std::string::npos);
  }
}

TEST_F(TemplatesTest, MissingDirectoryThrows) {
  EXPECT_THROW(Templates(dir_.path() / "absent"), std::runtime_error);
}

TEST(Value, IndexTurnsValueIntoObject) {
  Value value = "text";
  value["a"]["b"] = 3;
  const auto& object = std::get<Value::Object>(value.data());
  const auto& inner = std::get<Value::Object>(object.at("a").data());
  EXPECT_EQ(std::get<std::string>(inner.at("b").data()), "3");
}

TEST_F(TemplatesTest, ConcurrentRenderingGivesIdenticalOutput) {
  const Templates templates(dir_.path(), fake_translate);
  Value context;
  context["title"] = "T<>";
  context["name"] = "Ola";
  Value::List articles;
  for (int i = 0; i < 50; ++i) articles.push_back(Value::Object{{"title", i}});
  context["articles"] = articles;
  const std::string expected_page = templates.render_page("news/index", context, "pl");
  const std::string expected_greet = templates.render("greet", context, "pl");

  constexpr int kThreads = 8;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        if (templates.render_page("news/index", context, "pl") != expected_page) ++mismatches[t];
        if (templates.render("greet", context, "pl") != expected_greet) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
  EXPECT_NE(expected_page.find("[49]"), std::string::npos);
}

TEST(TemplatesEmptyText, EmptyTextIsFalseInSections) {
  auto dir = std::filesystem::temp_directory_path() / ("rynek-empty-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "t.mustache")
      << "[{{#venue}}at {{venue}}{{/venue}}{{^venue}}online{{/venue}}]";
  Templates templates(dir);
  Value with;
  with["venue"] = "Poznań";
  Value without;
  without["venue"] = "";
  EXPECT_EQ(templates.render("t", with, "pl"), "[at Poznań]");
  EXPECT_EQ(templates.render("t", without, "pl"), "[online]");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rynek::view
