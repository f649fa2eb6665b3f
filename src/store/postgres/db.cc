#include "store/postgres/db.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <cstdlib>
#include <regex>

namespace warta::pg {
namespace {

constexpr unsigned kInt8 = 20;
constexpr unsigned kText = 25;
constexpr unsigned kBytea = 17;
constexpr unsigned kBool = 16;

// How a lost database reads in errors (and so in the admin API's 503s).
constexpr char kUnavailable[] = "database unavailable: ";

// One mapping of SQLSTATE classes to Status: a unique key taken is
// AlreadyExists, other constraints InvalidArgument, lost connections,
// timeouts, serialization failures and deadlocks Unavailable (503: retrying
// may work), the rest IoError.
Status StatusFor(const char* sqlstate, const std::string& msg) {
  std::string code = sqlstate ? sqlstate : "";
  if (code == "23505") return Status::AlreadyExists(msg);
  if (code.rfind("23", 0) == 0) return Status::InvalidArgument(msg);
  if (code.rfind("08", 0) == 0 || code == "57014" || code == "40001" ||
      code == "40P01" || code == "53300" || code.rfind("57P", 0) == 0)
    return Status::Unavailable(msg);
  return Status::IoError(msg);
}

// libpq's message on one line ("...failed: No such file\n\tIs the server
// running...?\n" -> "...failed: No such file; Is the server running...?").
std::string OneLine(std::string_view text) {
  std::string out;
  bool gap = false;
  for (char ch : text) {
    if (ch == '\n' || ch == '\t' || ch == '\r') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += "; ";
    gap = false;
    out += ch;
  }
  return out;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};

}  // namespace

std::string JsonArray(const std::vector<std::int64_t>& values) {
  std::string out = "[";
  for (std::int64_t v : values) {
    if (out.size() > 1) out += ',';
    out += std::to_string(v);
  }
  out += ']';
  return out;
}

std::string TranslateSql(std::string_view in, int* params) {
  static const std::regex json_each(
      R"(SELECT\s+value\s+FROM\s+json_each\((\?\d*)\))");
  // SQLite's index hints: PostgreSQL's planner chooses by itself.
  static const std::regex indexed_by(R"(\s+INDEXED\s+BY\s+\w+)");
  std::string sql = std::regex_replace(
      std::regex_replace(std::string(in), indexed_by, ""), json_each,
      "SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb) AS "
      "j(value)");
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0, highest = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (ch == '\'') quoted = !quoted;
    if (ch != '?' || quoted) {
      out += ch;
      continue;
    }
    std::size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
    int n =
        j > i + 1 ? std::atoi(sql.substr(i + 1, j - i - 1).c_str()) : ++next;
    if (j > i + 1) next = n;
    highest = std::max(highest, n);
    out += '$' + std::to_string(n);
    i = j - 1;
  }
  if (params) *params = highest;
  return out;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url,
                                                     int statement_timeout_ms) {
  // Defaults the URL may override (later values win): a dead database
  // host fails a connect within seconds, not minutes, and TCP keepalives
  // notice a vanished server on an idle connection.
  const char* keys[] = {
      "connect_timeout",  "keepalives_idle", "keepalives_interval",
      "keepalives_count", "dbname",          nullptr};
  const char* values[] = {
      kConnectTimeoutSeconds, "30", "10", "3", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = OneLine(conn ? PQerrorMessage(conn) : "out of memory");
    PQfinish(conn);
    return Status::Unavailable(std::string(kUnavailable) +
                               "cannot connect to PostgreSQL: " + msg);
  }
  std::unique_ptr<Connection> c(new Connection(conn));
  WARTA_RETURN_IF_ERROR(
      c->Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'; "
              "SET client_encoding = 'UTF8'; "
              "SET statement_timeout = " +
              std::to_string(std::max(0, statement_timeout_ms))));
  return c;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::Probe() {
  if (!Healthy()) return false;
  // Idle, nothing should arrive; something readable is the server's
  // goodbye (shutdown, restart, terminated backend) or end of file.
  const int fd = PQsocket(conn_);
  if (fd < 0) return false;
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 0) > 0) {
    if (!PQconsumeInput(conn_)) return false;
    while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);
  }
  return Healthy();
}

Result<bool> Connection::WaitForNotification(int timeout_ms) {
  auto drain = [&] {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  };
  if (drain()) return true;
  const int fd = PQsocket(conn_);
  if (fd < 0) return Status::Unavailable("postgres: connection lost");
  pollfd p{fd, POLLIN, 0};
  int rc = ::poll(&p, 1, timeout_ms);
  if (rc < 0 && errno != EINTR) return Status::IoError("postgres: poll failed");
  if (rc <= 0) return false;
  if (!PQconsumeInput(conn_))
    return Status::Unavailable(std::string("postgres: ") +
                               PQerrorMessage(conn_));
  return drain();
}

Status Connection::ErrorOf(PGresult* res, std::string_view what) {
  std::string msg = "postgres: " + std::string(what) + ": ";
  msg += OneLine(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (!Healthy()) return Status::Unavailable(kUnavailable + msg);
  return StatusFor(state, msg);
}

Status Connection::Exec(std::string_view sql) {
  std::unique_ptr<PGresult, ResultDeleter> res(
      PQexec(conn_, std::string(sql).c_str()));
  ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    return ErrorOf(res.get(), sql.substr(0, 60));
  return Status::Ok();
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  int params = 0;
  std::string translated = TranslateSql(sql, &params);
  return Statement(this, std::move(translated), params);
}

std::int64_t Connection::LastInsertId() {
  std::unique_ptr<PGresult, ResultDeleter> res(
      PQexec(conn_, "SELECT lastval()"));
  if (!res || PQresultStatus(res.get()) != PGRES_TUPLES_OK ||
      PQntuples(res.get()) == 0)
    return 0;
  return std::strtoll(PQgetvalue(res.get(), 0, 0), nullptr, 10);
}

Statement::~Statement() = default;

Statement& Statement::Set(int i, std::optional<std::string> v, unsigned type) {
  if (i >= 1 && i <= static_cast<int>(values_.size())) {
    values_[i - 1] = std::move(v);
    types_[i - 1] = type;
  }
  return *this;
}

Statement& Statement::Bind(int i, std::int64_t v) {
  return Set(i, std::to_string(v), kInt8);
}
Statement& Statement::Bind(int i, std::string_view v) {
  return Set(i, std::string(v), kText);
}
Statement& Statement::Bind(int i, std::optional<std::int64_t> v) {
  return v ? Bind(i, *v) : Set(i, std::nullopt, kInt8);
}
Statement& Statement::BindNull(int i) { return Set(i, std::nullopt, 0); }
Statement& Statement::BindUntyped(int i, std::string_view v) {
  return Set(i, std::string(v), 0);
}
Statement& Statement::BindBlob(int i, std::string_view bytes) {
  return Set(i, std::string(bytes), kBytea);
}

void Statement::Reset() {
  result_.reset();
  row_ = -1;
  executed_ = false;
  for (auto& v : values_) v.reset();
  for (auto& t : types_) t = 0;
}

Status Statement::Execute() {
  executed_ = true;
  std::string key = sql_;
  key += '\0';
  for (unsigned t : types_) key += std::to_string(t) + ",";
  PGconn* c = conn_->conn_;
  auto it = conn_->prepared_.find(key);
  if (it == conn_->prepared_.end()) {
    if (conn_->prepared_.size() >= Connection::kStatementCacheCapacity) {
      // Rare (the SQL texts are a fixed set): start the cache afresh.
      WARTA_RETURN_IF_ERROR(conn_->Exec("DEALLOCATE ALL"));
      conn_->prepared_.clear();
    }
    std::string name = "w" + std::to_string(++conn_->statements_made_);
    std::vector<Oid> oids(types_.begin(), types_.end());
    std::unique_ptr<PGresult, ResultDeleter> res(
        PQprepare(c, name.c_str(), sql_.c_str(), static_cast<int>(oids.size()),
                  oids.empty() ? nullptr : oids.data()));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK)
      return conn_->ErrorOf(res.get(),
                            "prepare \"" + sql_.substr(0, 80) + "\"");
    it = conn_->prepared_.emplace(key, name).first;
  }
  const int n = static_cast<int>(values_.size());
  std::vector<const char*> values(n);
  std::vector<int> lengths(n), formats(n);
  for (int i = 0; i < n; ++i) {
    values[i] = values_[i] ? values_[i]->data() : nullptr;
    lengths[i] = values_[i] ? static_cast<int>(values_[i]->size()) : 0;
    formats[i] = types_[i] == kBytea ? 1 : 0;
  }
  PGresult* raw = PQexecPrepared(
      c, it->second.c_str(), n, n ? values.data() : nullptr,
      n ? lengths.data() : nullptr, n ? formats.data() : nullptr, 0);
  result_.reset(raw, ResultDeleter());
  ExecStatusType st = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status s = conn_->ErrorOf(raw, "\"" + sql_.substr(0, 80) + "\"");
    result_.reset();
    return s;
  }
  const char* tuples = PQcmdTuples(raw);
  conn_->changes_ = tuples && *tuples ? std::atoi(tuples) : 0;
  return Status::Ok();
}

Result<bool> Statement::Step() {
  if (!executed_) WARTA_RETURN_IF_ERROR(Execute());
  if (!result_) return false;
  ++row_;
  return row_ < PQntuples(result_.get());
}

Status Statement::Run() {
  if (!executed_) return Execute();
  return Status::Ok();
}

bool Statement::IsNull(int col) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_.get())) return true;
  return PQgetisnull(result_.get(), row_, col) != 0;
}

std::int64_t Statement::Int(int col) const {
  if (IsNull(col)) return 0;
  const char* v = PQgetvalue(result_.get(), row_, col);
  if (PQftype(result_.get(), col) == kBool) return v[0] == 't' ? 1 : 0;
  return std::strtoll(v, nullptr, 10);
}

std::optional<std::int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::string Statement::Text(int col) const {
  if (IsNull(col)) return std::string();
  const char* v = PQgetvalue(result_.get(), row_, col);
  int len = PQgetlength(result_.get(), row_, col);
  if (PQftype(result_.get(), col) == kBytea) {
    std::size_t n = 0;
    unsigned char* bytes =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
    std::string out(reinterpret_cast<char*>(bytes), n);
    PQfreemem(bytes);
    return out;
  }
  return std::string(v, len);
}

}  // namespace warta::pg
