// Fuzzes configuration parsing (src/core/config*.cpp): apply_toml_file() on the input as a
// rynek.toml, set_setting() and apply_environment() with the input as every setting's value,
// then finalize() on the result.
#include "core/config.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const auto file = fuzz::scratch_dir() / "rynek.toml";
  fuzz::write_file(file, input);

  core::Config from_file;
  (void)core::apply_toml_file(from_file, file);
  (void)core::finalize(from_file, fuzz::scratch_dir() / "bin");

  const std::string value(input);
  core::Config direct;
  for (const auto& setting : core::settings()) (void)core::set_setting(direct, setting.key, value);
  (void)core::set_setting(direct, value, value);

  core::Config from_env;
  (void)core::apply_environment(from_env, [&](const char*) { return value.c_str(); });
  (void)core::finalize(from_env, fuzz::scratch_dir() / "bin");
  return 0;
}
