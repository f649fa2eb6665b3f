#include "admin/json_io.h"

#include <gtest/gtest.h>

#include <chrono>

namespace warta::admin {
namespace {

TEST(JsonIoTest, NamesAreTrimmedAndDeduplicatedIgnoringCase) {
  json j = {
      {"tags", {"Banjir", " banjir ", "Jakarta", "", {{"name", "BANJIR"}}}},
      {"csv", "Banjir, JAKARTA ,banjir,, jakarta"}};
  auto tags = OptNames(j, "tags");
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(**tags, (std::vector<std::string>{"Banjir", "Jakarta"}));
  auto csv = OptNames(j, "csv");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(**csv, (std::vector<std::string>{"Banjir", "JAKARTA"}));
  EXPECT_FALSE(OptNames(j, "none")->has_value());
  EXPECT_FALSE(OptNames(json{{"tags", 5}}, "tags").ok());
}

// F4 (issue 15): the comma form skipped the 50-name limit (an article got 60
// tags), and 100k names took 12.5 s to de-duplicate pairwise.
TEST(JsonIoTest, NameCountIsBoundedInEveryForm) {
  std::string csv;
  json list = json::array();
  for (int i = 0; i < 60; ++i) {
    csv += "Tag " + std::to_string(i) + ",";
    list.push_back("Tag " + std::to_string(i));
  }
  for (const json& j : {json{{"tags", csv}}, json{{"tags", list}}}) {
    Status s = OptNames(j, "tags").status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("at most 50"), std::string::npos);
  }
  // Exactly 50 distinct, with repeats, still passes.
  json fifty = json::array();
  for (int i = 0; i < 150; ++i) fifty.push_back("t" + std::to_string(i % 50));
  auto ok = OptNames(json{{"tags", fifty}}, "tags");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->size(), 50u);
}

TEST(JsonIoTest, HugeNameListsAreRefusedQuickly) {
  json big = json::array();
  std::string csv;
  for (int i = 0; i < 200000; ++i) {
    big.push_back("n" + std::to_string(i));
    csv += "n" + std::to_string(i) + ",";
  }
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(OptNames(json{{"tags", big}}, "tags").ok());
  EXPECT_FALSE(OptNames(json{{"tags", csv}}, "tags").ok());
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::milliseconds(500));
}

// Issue 15 (fault injection): a full disk is 503 (retry later), an I/O
// error 500; the store's Status codes for them are checked in
// store/sqlite/fault_injection_test.cc.
TEST(JsonIoTest, StoreFailuresMapToServerErrors) {
  EXPECT_EQ(HttpStatusFor(Status::Unavailable("disk full")), 503);
  EXPECT_EQ(HttpStatusFor(Status::IoError("disk I/O error")), 500);
}

// A server fault tells the client only "internal error" and the operator
// why, whichever handler made it: a login whose store failed answered a bare
// 500 and left nothing in the log (a database missing a table).
TEST(JsonIoTest, ServerFaultsAreLoggedWithTheirCause) {
  ::testing::internal::CaptureStderr();
  http::Response fault = ErrorResponse(
      Status::Internal("no such table: login_failures"), "/api/admin/session");
  http::Response plain = ErrorResponse(Status::IoError("disk I/O error"));
  http::Response refused =
      ErrorResponse(Status::Unauthenticated("wrong e-mail or password"),
                    "/api/admin/session");
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(fault.status, 500);
  EXPECT_EQ(json::parse(*fault.body)["error"], "internal error");
  EXPECT_NE(log.find("/api/admin/session: "), std::string::npos) << log;
  EXPECT_NE(log.find("no such table: login_failures"), std::string::npos)
      << log;
  EXPECT_NE(log.find("admin API: "), std::string::npos) << log;
  EXPECT_NE(log.find("disk I/O error"), std::string::npos) << log;
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(log.find("wrong e-mail"), std::string::npos)
      << "a client's mistake is not an operator's problem: " << log;
}

// The top-level "field" is the one the error was made with (Status::
// WithField), never cut from the message, whose wording may change.
TEST(JsonIoTest, TheFieldTravelsWithTheError) {
  auto field_of = [](const Status& s) {
    http::Response r = ErrorResponse(s);
    json body = json::parse(*r.body);
    return body.contains("field") ? body["field"].get<std::string>() : "-";
  };
  EXPECT_EQ(field_of(RequiredString(json::object(), "title").status()),
            "title");
  EXPECT_EQ(field_of(OptInt(json{{"lead.id", "x"}}, "lead.id").status()),
            "lead.id");
  // Worded any way, in any language.
  EXPECT_EQ(field_of(Status::InvalidArgument("judul wajib diisi")
                         .WithField("title")
                         .WithReason("required", {{"field", "title"}})),
            "title");
  // A message that merely starts like "word: ..." names no field.
  EXPECT_EQ(field_of(Status::InvalidArgument("step: constraint failed")), "-");
  EXPECT_EQ(field_of(Status::InvalidArgument("body: not valid JSON")), "-");
  // Only a 400 answers it.
  EXPECT_EQ(field_of(Status::Conflict("x").WithField("version")), "-");
  EXPECT_EQ(field_of(Status::Internal("x").WithField("db")), "-");
}

}  // namespace
}  // namespace warta::admin
