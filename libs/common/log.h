#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace hotline::log {

// Structured logs: one JSON object per line on stderr, for collectors to parse. Fields carry ids,
// codes, counts and states only — never names, phone numbers, addresses or free text a caller
// wrote (DESIGN.md §2 "Privacy and access").
enum class Level { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const char* v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, int64_t v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, uint64_t v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, double v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false"), quoted(false) {}

  std::string_view key;
  std::string value;
  bool quoted;
};

// Set once at start, before threads start logging.
void Configure(std::string_view service, Level min_level);
// "debug" | "info" | "warning" | "error"; false for anything else.
bool ParseLevel(std::string_view text, Level* level);

void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {});
inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, m, f);
}
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, m, f);
}
inline void Warning(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kWarning, m, f);
}
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kError, m, f);
}

// JSON string escaping, exposed for tests.
std::string JsonEscape(std::string_view text);

}  // namespace hotline::log
