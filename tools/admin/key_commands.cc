// hotline-admin keys …: the keyring of personal data at rest (libs/crypto/keyring.h).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "libs/crypto/field_cipher.h"
#include "libs/pg/pg_pool.h"
#include "libs/ticketstore/resealer.h"
#include "tools/admin/commands.h"

ABSL_FLAG(std::string, data_keys, "", "Keyring file of the keys sealing personal data at rest");
ABSL_FLAG(std::string, key_id, "", "Id of the new data key (1-16 of A-Z a-z 0-9 _ -)");

namespace hotline::admin {
namespace {

// Writes `text` to `path` created with mode 0600 (never wider, whatever the umask), atomically.
bool WritePrivate(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return false;
  const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                       fchmod(fd, 0600) == 0 && fsync(fd) == 0;
  close(fd);
  return written && rename(tmp.c_str(), path.c_str()) == 0;
}

// `keys new`: a new keyring file; refuses to overwrite one (its keys open the data).
int NewKeyring(const std::string& path, const std::string& id) {
  if (access(path.c_str(), F_OK) == 0) {
    std::fprintf(stderr, "%s exists: its keys may be the only way to read the data\n",
                 path.c_str());
    return 1;
  }
  if (!WritePrivate(path, crypto::NewKeyringText(id))) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    return 1;
  }
  std::printf("wrote %s with active key %s\n", path.c_str(), id.c_str());
  return 0;
}

// `keys rotate`: adds a data key and makes it active; the old ones stay listed.
int RotateKeyring(const std::string& path, const std::string& id) {
  absl::StatusOr<crypto::Keyring> ring = crypto::Keyring::Load(path);
  if (!ring.ok()) {
    std::fprintf(stderr, "%s\n", ring.status().ToString().c_str());
    return 1;
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string lines, line;
  while (std::getline(text, line)) {
    if (line.rfind("active ", 0) != 0) absl::StrAppend(&lines, line, "\n");
  }
  absl::StrAppend(&lines, crypto::NewDataKeyLine(id), "\nactive ", id, "\n");
  if (!crypto::Keyring::Parse(lines).ok() || !WritePrivate(path, lines)) {
    std::fprintf(stderr, "cannot add key %s to %s (is the id new and valid?)\n", id.c_str(),
                 path.c_str());
    return 1;
  }
  std::printf("key %s added to %s and active; services pick it up within --keys_reload_every\n",
              id.c_str(), path.c_str());
  return 0;
}

int Reseal(const std::string& path, const std::string& url) {
  absl::StatusOr<std::unique_ptr<crypto::FieldCipher>> cipher = crypto::FieldCipher::FromFile(path);
  if (!cipher.ok()) {
    std::fprintf(stderr, "%s\n", cipher.status().ToString().c_str());
    return 1;
  }
  pg::PgPool pool({.url = url, .size = 1, .application_name = "hotline-admin"});
  absl::StatusOr<ticketstore::ResealRun> run = ticketstore::Reseal(pool, **cipher);
  if (!run.ok()) {
    std::fprintf(stderr, "reseal failed: %s\n", run.status().ToString().c_str());
    return 1;
  }
  std::printf("sealed with key %s: tickets=%lld texts=%lld free_text=%lld\n",
              (*cipher)->active_key_id().c_str(), static_cast<long long>(run->tickets),
              static_cast<long long>(run->texts), static_cast<long long>(run->free_text));
  return 0;
}

}  // namespace

int KeysCommand(const std::vector<std::string>& args, const std::string& pg_url) {
  const std::string path = absl::GetFlag(FLAGS_data_keys);
  const std::string id = absl::GetFlag(FLAGS_key_id);
  if (path.empty()) {
    std::fprintf(stderr, "--data_keys (HOTLINE_DATA_KEYS) is required\n");
    return 2;
  }
  if (args.size() == 1 && (args[0] == "new" || args[0] == "rotate")) {
    if (id.empty()) {
      std::fprintf(stderr, "--key_id is required\n");
      return 2;
    }
    return args[0] == "new" ? NewKeyring(path, id) : RotateKeyring(path, id);
  }
  if (args.size() == 1 && args[0] == "reseal") {
    if (pg_url.empty()) {
      std::fprintf(stderr, "--pg_url (HOTLINE_PG_URL) is required\n");
      return 2;
    }
    return Reseal(path, pg_url);
  }
  std::fprintf(stderr, "keys: expected new, rotate or reseal\n");
  return 2;
}

}  // namespace hotline::admin
