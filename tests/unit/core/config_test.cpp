#include "core/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

namespace rynek::core {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("rynek-config-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

auto fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> const char* {
    const auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  };
}

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
  for (const auto& e : errors) {
    if (e.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Settings, EveryFieldHasKeyEnvFlagAndHelp) {
  const std::vector<std::string> keys = {
      "listen",         "data_dir",     "database_url", "base_url",
      "smtp_url",       "mail_from",    "lang",         "threads",
      "resource_dir",   "log_format",   "access_log",   "max_header_bytes",
      "max_body_bytes", "read_timeout", "idle_timeout", "shutdown_grace",
      "secret_key",     "rate_limits",  "clock_offset"};
  ASSERT_EQ(settings().size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(settings()[i].key, keys[i]);
    EXPECT_FALSE(settings()[i].help.empty());
  }
  EXPECT_EQ(settings()[1].env, "RYNEK_DATA_DIR");
  EXPECT_EQ(settings()[1].flag, "--data-dir");
  EXPECT_EQ(settings()[15].flag, "--shutdown-grace");
}

TEST(SetSetting, ClockOffsetAndSecretKey) {
  Config c;
  EXPECT_FALSE(set_setting(c, "clock_offset", "-3600"));
  EXPECT_EQ(c.clock_offset, std::chrono::seconds(-3600));
  EXPECT_TRUE(set_setting(c, "clock_offset", "soon"));
  EXPECT_FALSE(set_setting(c, "secret_key", std::string(64, 'a')));
  auto problem = set_setting(c, "secret_key", "abc");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->find("abc"), std::string::npos) << "secrets are never echoed";
  EXPECT_EQ(problem->rfind("secret_key:", 0), 0u);
}

TEST(SetSetting, ParsesEachKind) {
  Config c;
  EXPECT_FALSE(set_setting(c, "threads", "8"));
  EXPECT_EQ(c.threads, 8U);
  for (const auto& [text, value] : std::map<std::string, bool>{{"true", true},
                                                               {"false", false},
                                                               {"1", true},
                                                               {"0", false},
                                                               {"yes", true},
                                                               {"no", false}}) {
    EXPECT_FALSE(set_setting(c, "access_log", text));
    EXPECT_EQ(c.access_log, value) << text;
  }
  EXPECT_FALSE(set_setting(c, "read_timeout", "20"));
  EXPECT_EQ(c.read_timeout, std::chrono::seconds(20));
  EXPECT_FALSE(set_setting(c, "idle_timeout", "45s"));
  EXPECT_EQ(c.idle_timeout, std::chrono::seconds(45));
  EXPECT_FALSE(set_setting(c, "lang", "en"));
  EXPECT_EQ(c.lang, "en");
  EXPECT_FALSE(set_setting(c, "log_format", "text"));
  EXPECT_FALSE(set_setting(c, "max_body_bytes", "2048"));
  EXPECT_EQ(c.max_body_bytes, 2048U);
  EXPECT_FALSE(set_setting(c, "listen", "[::1]:9000"));
}

TEST(SetSetting, EveryErrorNamesItsKey) {
  const std::map<std::string, std::string> bad = {{"listen", "nonsense"},
                                                  {"data_dir", ""},
                                                  {"database_url", "mysql://x"},
                                                  {"base_url", "example.org"},
                                                  {"smtp_url", "http://mail"},
                                                  {"mail_from", "nobody"},
                                                  {"lang", "de"},
                                                  {"threads", "many"},
                                                  {"log_format", "xml"},
                                                  {"access_log", "maybe"},
                                                  {"max_header_bytes", "-1"},
                                                  {"max_body_bytes", "1e3"},
                                                  {"read_timeout", "15 minutes"},
                                                  {"idle_timeout", "-5"},
                                                  {"shutdown_grace", "s"}};
  for (const auto& [key, value] : bad) {
    Config c;
    const auto error = set_setting(c, key, value);
    ASSERT_TRUE(error) << key;
    EXPECT_TRUE(error->starts_with(key + ": ")) << *error;
    EXPECT_NE(error->find("'" + value + "'"), std::string::npos) << *error;
  }
  Config c;
  EXPECT_EQ(*set_setting(c, "listen", "x"), "listen: expected host:port, got 'x'");
  EXPECT_EQ(*set_setting(c, "colour", "red"), "colour: unknown setting");
}

TEST(SetSetting, FailedValueLeavesFieldUnchanged) {
  Config c;
  EXPECT_TRUE(set_setting(c, "threads", "12x"));
  EXPECT_EQ(c.threads, 0U);
  EXPECT_TRUE(set_setting(c, "lang", "fr"));
  EXPECT_EQ(c.lang, "pl");
}

TEST(Precedence, DefaultsThenTomlThenEnvironmentThenFlags) {
  TempDir dir;
  const auto file =
      dir.write("rynek.toml",
                "listen = \"0.0.0.0:80\"\nthreads = 2\naccess_log = false\nlang = \"en\"\n"
                "read_timeout = \"5s\"\n");
  Config c;
  EXPECT_TRUE(apply_toml_file(c, file).empty());
  EXPECT_TRUE(
      apply_environment(c, fake_env({{"RYNEK_THREADS", "3"}, {"RYNEK_LANG", "pl"}})).empty());
  EXPECT_FALSE(set_setting(c, "lang", "en"));
  EXPECT_EQ(c.listen, "0.0.0.0:80");                    // TOML over default
  EXPECT_EQ(c.threads, 3U);                             // environment over TOML
  EXPECT_EQ(c.lang, "en");                              // flag over environment
  EXPECT_FALSE(c.access_log);                           // TOML boolean
  EXPECT_EQ(c.read_timeout, std::chrono::seconds(5));   // TOML string duration
  EXPECT_EQ(c.idle_timeout, std::chrono::seconds(30));  // default kept
  EXPECT_EQ(c.mail_from, "Rynek <no-reply@localhost>");
}

TEST(Toml, UnknownKeyWrongTypeAndBadValueNameKeyAndLine) {
  TempDir dir;
  const auto file = dir.write(
      "bad.toml", "listen = \"127.0.0.1:1\"\ncolour = \"red\"\nthreads = 1.5\nlang = \"xx\"\n");
  Config c;
  const auto errors = apply_toml_file(c, file);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_TRUE(mentions(errors, "bad.toml:2: colour: unknown setting"));
  EXPECT_TRUE(mentions(errors, "bad.toml:3: threads: expected a string, integer or boolean"));
  EXPECT_TRUE(mentions(errors, "bad.toml:4: lang: expected pl or en, got 'xx'"));
  EXPECT_EQ(c.listen, "127.0.0.1:1");
}

TEST(Toml, SyntaxErrorGivesFileAndLine) {
  TempDir dir;
  const auto file = dir.write("broken.toml", "listen = \"127.0.0.1:1\"\nthreads = = 2\n");
  Config c;
  const auto errors = apply_toml_file(c, file);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_TRUE(errors[0].find("broken.toml:2: ") != std::string::npos) << errors[0];
}

TEST(Toml, MissingFileIsAnError) {
  Config c;
  EXPECT_EQ(apply_toml_file(c, "/nonexistent/rynek.toml").size(), 1U);
}

TEST(Environment, ErrorsNameKeyAndVariable) {
  Config c;
  const auto errors = apply_environment(c, fake_env({{"RYNEK_MAX_HEADER_BYTES", "lots"}}));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_TRUE(errors[0].starts_with("max_header_bytes (from RYNEK_MAX_HEADER_BYTES): "))
      << errors[0];
}

TEST(Finalize, DerivesListenBaseUrlDatabaseAndThreads) {
  TempDir dir;
  fs::create_directories(dir.path() / "templates");
  fs::create_directories(dir.path() / "migrations");
  fs::create_directories(dir.path() / "build" / "bin");
  Config c;
  c.data_dir = "/srv/rynek";
  const auto errors = finalize(c, dir.path() / "build" / "bin");
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.base_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c.database_url, "sqlite:/srv/rynek/rynek.sqlite3");
  EXPECT_GE(c.threads, 1U);
  EXPECT_EQ(fs::canonical(c.resource_dir), fs::canonical(dir.path()));
}

TEST(Finalize, ListenForms) {
  struct Case {
    std::string listen;
    std::string host;
    int port;  // -1: invalid
  };
  const std::vector<Case> cases = {{"127.0.0.1:8080", "127.0.0.1", 8080},
                                   {"[::1]:9000", "::1", 9000},
                                   {"[::]:0", "::", 0},
                                   {"localhost:65535", "localhost", 65535},
                                   {"example.org:443", "example.org", 443},
                                   {"127.0.0.1:65536", "", -1},
                                   {"127.0.0.1:-1", "", -1},
                                   {"127.0.0.1:", "", -1},
                                   {"127.0.0.1", "", -1},
                                   {"::1:8080", "", -1},
                                   {"[::g]:80", "", -1},
                                   {"300.1.1.1:80", "", -1},
                                   {":8080", "", -1},
                                   {"host name:80", "", -1},
                                   {"[::1]:99999", "", -1}};
  for (const auto& test : cases) {
    Config c;
    c.listen = test.listen;
    c.resource_dir = RYNEK_SOURCE_DIR;  // has templates/
    const auto errors = finalize(c, ".");
    if (test.port < 0) {
      ASSERT_EQ(errors.size(), 1U) << test.listen;
      EXPECT_TRUE(errors[0].starts_with("listen: ")) << errors[0];
    } else {
      EXPECT_TRUE(errors.empty()) << test.listen << ": " << errors.front();
      EXPECT_EQ(c.listen_host, test.host);
      EXPECT_EQ(c.listen_port, test.port);
    }
  }
}

TEST(Finalize, ReportsEveryProblemByKey) {
  TempDir dir;
  Config c;
  c.listen = "nowhere";
  c.base_url = "ftp://x";
  c.smtp_url = "mail.example.org";
  c.mail_from = "nobody";
  c.lang = "de";
  c.log_format = "xml";
  c.resource_dir = dir.path();  // no templates/
  const auto errors = finalize(c, dir.path());
  EXPECT_EQ(errors.size(), 7U);
  for (const char* key : {"listen: ", "base_url: ", "smtp_url: ", "mail_from: ", "lang: ",
                          "log_format: ", "resource_dir: "}) {
    EXPECT_TRUE(mentions(errors, key)) << key;
  }
}

TEST(Finalize, BaseUrlLosesTrailingSlash) {
  Config c;
  c.base_url = "https://rynek.example.org/";
  c.resource_dir = RYNEK_SOURCE_DIR;
  EXPECT_TRUE(finalize(c, ".").empty());
  EXPECT_EQ(c.base_url, "https://rynek.example.org");
}

TEST(FindResourceDir, WalksUpAtMostFourLevels) {
  TempDir dir;
  fs::create_directories(dir.path() / "templates");
  fs::create_directories(dir.path() / "migrations");
  fs::create_directories(dir.path() / "a" / "b" / "c" / "d" / "e");
  EXPECT_TRUE(find_resource_dir(dir.path()));
  EXPECT_TRUE(find_resource_dir(dir.path() / "a" / "b" / "c" / "d"));
  EXPECT_FALSE(find_resource_dir(dir.path() / "a" / "b" / "c" / "d" / "e"));
  fs::remove(dir.path() / "migrations");
  EXPECT_FALSE(find_resource_dir(dir.path()));
}

}  // namespace
}  // namespace rynek::core
