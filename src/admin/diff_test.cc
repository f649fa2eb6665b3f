#include "admin/diff.h"

#include <gtest/gtest.h>

#include <string>

namespace warta::admin {
namespace {

TEST(DiffTest, ShowsWordChangesReadably) {
  auto parts =
      DiffWords("Air surut pagi ini.", "Air surut sore ini. Warga kembali.");
  std::string html = DiffHtml(parts);
  EXPECT_EQ(html,
            "Air surut <del>pagi</del><ins>sore</ins> ini.<ins> Warga "
            "kembali.</ins>");
  EXPECT_EQ(DiffHtml(DiffWords("<b>", "<i>")),
            "<del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>");
  EXPECT_EQ(DiffHtml(DiffWords("sama", "sama")), "sama");
  // Long unchanged stretches are shortened around the change.
  std::string lead(2000, 'a');
  std::string shown = DiffHtml(DiffWords(lead + " x", lead + " y"), 50);
  EXPECT_LT(shown.size(), 200u);
  EXPECT_NE(shown.find("diff-skip"), std::string::npos);
  EXPECT_NE(shown.find("<ins>y</ins>"), std::string::npos);
}

}  // namespace
}  // namespace warta::admin
