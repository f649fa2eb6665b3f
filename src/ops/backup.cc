#include "ops/backup.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/clock.h"
#include "base/time.h"
#include "ops/archive.h"

namespace warta::ops {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr char kFormat[] = "warta-backup";
constexpr char kManifest[] = "manifest.json";
constexpr char kDatabase[] = "warta.db";
// The store of a PostgreSQL newsroom: pg_dump's custom format.
constexpr char kPgDump[] = "warta.pgdump";
// Files of the data directory that a backup carries besides the database
// and media/ (settings written by hand; the search index is rebuilt).
constexpr const char* kExtraFiles[] = {"warta.conf", "feeds.json"};

std::string Hex32(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// A name from an archive that may be written under the data directory.
bool SafeName(const std::string& name) {
  if (name.empty() || name.front() == '/' ||
      name.find('\\') != std::string::npos)
    return false;
  for (const auto& part : fs::path(name)) {
    if (part == ".." || part == ".") return false;
  }
  if (name == kManifest || name == kDatabase || name == kPgDump) return true;
  for (const char* extra : kExtraFiles) {
    if (name == extra) return true;
  }
  return name.rfind("media/", 0) == 0 && name.size() > 6;
}

bool EmptyOrMissing(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

std::string Stamp() {
  std::string t = FormatIso8601Utc(RealClock::Get().Now());
  for (char& c : t) {
    if (c == ':') c = '-';
  }
  return t;
}

}  // namespace

std::string BackupManifest::ToJson() const {
  json j;
  j["format"] = kFormat;
  j["format_version"] = format_version;
  j["warta_version"] = warta_version;
  j["schema_version"] = schema_version;
  j["backend"] = backend;
  j["created_at"] = created_at;
  j["counts"] = counts;
  json list = json::array();
  for (const File& f : files) {
    list.push_back(
        {{"path", f.path}, {"size", f.size}, {"crc32", Hex32(f.crc32)}});
  }
  j["files"] = list;
  return j.dump(2) + "\n";
}

Result<BackupManifest> BackupManifest::FromJson(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  auto bad = [](const std::string& why) {
    return Status::FailedPrecondition("manifest.json: " + why);
  };
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (j.value("format", "") != kFormat) return bad("not a warta backup");
  BackupManifest m;
  m.format_version = j.value("format_version", 0);
  if (m.format_version != 1) {
    return bad("format version " + std::to_string(m.format_version) +
               " is not supported (this warta reads version 1)");
  }
  m.warta_version = j.value("warta_version", "");
  m.schema_version = j.value("schema_version", 0);
  m.backend = j.value("backend", "");
  m.created_at = j.value("created_at", "");
  if (j.contains("counts") && j["counts"].is_object()) {
    for (const auto& [k, v] : j["counts"].items()) {
      if (v.is_number_integer()) m.counts[k] = v.get<std::int64_t>();
    }
  }
  if (!j.contains("files") || !j["files"].is_array())
    return bad("no file list");
  for (const json& f : j["files"]) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() ||
        !f.contains("size") || !f["size"].is_number_unsigned() ||
        !f.contains("crc32") || !f["crc32"].is_string()) {
      return bad("malformed file entry");
    }
    File file;
    file.path = f["path"].get<std::string>();
    file.size = f["size"].get<std::uint64_t>();
    file.crc32 = static_cast<std::uint32_t>(
        std::stoul(f["crc32"].get<std::string>(), nullptr, 16));
    m.files.push_back(std::move(file));
  }
  return m;
}

Result<BackupManifest> Backup(MaintenanceStore& store,
                              const std::string& data_dir,
                              const std::string& to_file,
                              const std::string& warta_version) {
  BackupManifest m;
  m.warta_version = warta_version;
  m.schema_version = store.SchemaVersion();
  m.backend = store.BackendName();
  m.created_at = FormatIso8601Utc(RealClock::Get().Now());
  const std::string partial = to_file + ".partial";
  const char* store_file = m.backend == "postgres" ? kPgDump : kDatabase;
  const std::string snapshot = to_file + ".snapshot";
  std::error_code ec;
  fs::remove(partial, ec);
  fs::remove(snapshot, ec);
  struct Cleanup {
    std::string a, b;
    ~Cleanup() {
      std::error_code e;
      fs::remove(a, e);
      fs::remove(b, e);
    }
  } cleanup{partial, snapshot};

  // The database first: every media file it refers to was written before
  // its article was committed, so the media copied after it are complete.
  WARTA_ASSIGN_OR_RETURN(m.counts, store.SnapshotTo(snapshot));
  WARTA_ASSIGN_OR_RETURN(auto writer, ArchiveWriter::Create(partial));
  auto add = [&](const std::string& name, const std::string& source) -> Status {
    WARTA_ASSIGN_OR_RETURN(ArchivedFile f, writer->AddFile(name, source));
    m.files.push_back({f.name, f.size, f.crc32});
    return Status::Ok();
  };
  WARTA_RETURN_IF_ERROR(add(store_file, snapshot));
  fs::remove(snapshot, ec);
  for (const char* extra : kExtraFiles) {
    std::string path = data_dir + "/" + extra;
    if (fs::is_regular_file(path, ec)) WARTA_RETURN_IF_ERROR(add(extra, path));
  }
  std::int64_t media = 0;
  const fs::path media_dir = fs::path(data_dir) / "media";
  if (fs::is_directory(media_dir, ec)) {
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(media_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) &&
          it->path().filename().string().find(".tmp") == std::string::npos) {
        paths.push_back(it->path());
      }
    }
    if (ec)
      return Status::IoError("listing " + media_dir.string() + ": " +
                             ec.message());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
      std::string name = "media/" + fs::relative(p, media_dir).generic_string();
      if (!fs::exists(p, ec)) continue;  // deleted meanwhile
      WARTA_RETURN_IF_ERROR(add(name, p.string()));
      ++media;
    }
  }
  m.counts["media_files"] = media;
  WARTA_RETURN_IF_ERROR(writer->AddBytes(kManifest, m.ToJson()).status());
  WARTA_RETURN_IF_ERROR(writer->Finish());
  fs::rename(partial, to_file, ec);
  if (ec) return Status::IoError("renaming " + partial + ": " + ec.message());
  return m;
}

Result<BackupManifest> Restore(const std::string& from_file,
                               const std::string& data_dir, bool force,
                               bool to_postgres) {
  std::error_code ec;
  if (!fs::exists(from_file, ec)) {
    return Status::NotFound("backup " + from_file + " does not exist");
  }
  const bool had_data = !EmptyOrMissing(data_dir);
  if (had_data && !force) {
    return Status::FailedPrecondition(
        data_dir +
        " is not empty: restore into an empty directory, or add "
        "--force to move what is there aside");
  }
  fs::path target = fs::absolute(data_dir, ec);
  fs::path staging = target;
  staging += ".restoring-" + std::to_string(::getpid());
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec)
    return Status::IoError("cannot create " + staging.string() + ": " +
                           ec.message());
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      if (!dir.empty()) fs::remove_all(dir, e);
    }
  } cleanup{staging};

  std::map<std::string, ArchivedFile> unpacked;
  std::ofstream out;
  std::string current;
  Status read = ReadArchive(
      from_file,
      [&](const std::string& name) -> Status {
        if (!SafeName(name)) {
          return Status::FailedPrecondition(
              from_file + " holds an unexpected file: " + name);
        }
        fs::path p = staging / name;
        std::error_code e;
        fs::create_directories(p.parent_path(), e);
        out.open(p, std::ios::binary | std::ios::trunc);
        if (!out) return Status::IoError("cannot write " + p.string());
        current = name;
        return Status::Ok();
      },
      [&](std::string_view chunk) -> Status {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        return out ? Status::Ok()
                   : Status::IoError("writing " + current + " failed");
      },
      [&](const ArchivedFile& f) -> Status {
        out.close();
        if (!out) return Status::IoError("writing " + f.name + " failed");
        unpacked[f.name] = f;
        return Status::Ok();
      });
  WARTA_RETURN_IF_ERROR(read);
  std::ifstream manifest_in(staging / kManifest);
  if (!manifest_in) {
    return Status::FailedPrecondition(from_file +
                                      " has no manifest.json: not a warta "
                                      "backup, or cut short");
  }
  std::stringstream ss;
  ss << manifest_in.rdbuf();
  WARTA_ASSIGN_OR_RETURN(BackupManifest m, BackupManifest::FromJson(ss.str()));
  std::set<std::string> listed;
  for (const BackupManifest::File& f : m.files) {
    listed.insert(f.path);
    auto it = unpacked.find(f.path);
    if (it == unpacked.end()) {
      return Status::FailedPrecondition(from_file + ": " + f.path +
                                        " is listed in the manifest but "
                                        "missing from the archive");
    }
    if (it->second.size != f.size || it->second.crc32 != f.crc32) {
      return Status::FailedPrecondition(
          from_file + ": " + f.path +
          " does not match its manifest checksum (damaged backup)");
    }
  }
  if (listed.count(kPgDump)) {
    if (!to_postgres) {
      return Status::FailedPrecondition(
          from_file +
          " holds a PostgreSQL store: restore it into PostgreSQL (--store "
          "postgresql://...)");
    }
  } else if (!listed.count(kDatabase)) {
    return Status::FailedPrecondition(from_file + " holds no warta.db");
  }
  for (const auto& [name, f] : unpacked) {
    if (name != kManifest && !listed.count(name)) {
      return Status::FailedPrecondition(from_file + ": " + name +
                                        " is not in the manifest");
    }
  }
  fs::rename(staging / kManifest, staging / "restored-manifest.json", ec);
  // Into place: what was there is moved aside, never deleted.
  if (had_data) {
    fs::path aside = target;
    aside += ".replaced-" + Stamp();
    fs::rename(target, aside, ec);
    if (ec)
      return Status::IoError("cannot move " + target.string() +
                             " aside: " + ec.message());
  } else if (fs::exists(target, ec)) {
    fs::remove(target, ec);  // an empty directory
  }
  fs::create_directories(target.parent_path(), ec);
  fs::rename(staging, target, ec);
  if (ec)
    return Status::IoError("cannot move the restored files to " +
                           target.string() + ": " + ec.message());
  cleanup.dir.clear();
  return m;
}

CheckReport Check(CheckStores store, const std::string& data_dir,
                  const text::Analyzer& analyzer) {
  CheckReport report;
  auto problem = [&](std::string what, std::string message) {
    report.problems.push_back({std::move(what), std::move(message)});
  };
  auto integrity = store.maintenance.CheckIntegrity();
  if (!integrity.ok()) {
    problem("store", "the integrity check could not run: " +
                         integrity.status().ToString());
  } else {
    for (const std::string& p : *integrity) problem("store", p);
  }
  auto counts = store.maintenance.TableCounts();
  if (!counts.ok()) {
    problem("store", "cannot count rows: " + counts.status().ToString());
  } else {
    std::string line = "store: " + store.maintenance.BackendName() +
                       ", schema version " +
                       std::to_string(store.maintenance.SchemaVersion());
    for (const auto& [k, v] : *counts) {
      line += ", " + std::to_string(v) + " " + k;
    }
    report.notes.push_back(line);
  }

  auto media = store.maintenance.MediaReferences();
  if (!media.ok()) {
    problem("media",
            "cannot list media references: " + media.status().ToString());
  } else {
    std::error_code ec;
    int missing = 0;
    for (const std::string& path : *media) {
      fs::path file = fs::path(data_dir) / path.substr(1);  // "media/..."
      if (!fs::is_regular_file(file, ec)) {
        ++missing;
        problem("media", path + " is used by an article but " + file.string() +
                             " is missing");
      }
    }
    report.notes.push_back("media: " + std::to_string(media->size()) +
                           " file(s) referenced, " + std::to_string(missing) +
                           " missing");
  }

  std::error_code ec;
  const std::string index_dir = data_dir + "/index";
  if (!fs::is_directory(index_dir, ec)) {
    report.notes.push_back(
        "index: none saved (warta serve or warta reindex "
        "builds it)");
  } else if (counts.ok()) {
    index::LiveIndexOptions o;
    o.dir = index_dir;
    index::LiveIndex live(store.index, analyzer, o);
    Status loaded = live.Load();
    if (loaded.IsNotFound()) {
      report.notes.push_back(
          "index: none saved (warta serve or warta "
          "reindex builds it)");
    } else if (!loaded.ok()) {
      problem("index", "cannot load " + index_dir + ": " + loaded.ToString() +
                           " (run warta reindex)");
    } else {
      std::int64_t in_index =
          static_cast<std::int64_t>(live.snapshot()->live_docs());
      std::int64_t in_store = counts->at("published_articles");
      if (in_index != in_store) {
        problem("index", "the search index holds " + std::to_string(in_index) +
                             " articles but the store has " +
                             std::to_string(in_store) +
                             " published (run warta reindex)");
      } else {
        report.notes.push_back("index: " + std::to_string(in_index) +
                               " articles, as in the store");
      }
    }
  }
  return report;
}

}  // namespace warta::ops
