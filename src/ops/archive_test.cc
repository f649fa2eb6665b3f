#include "ops/archive.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace warta::ops {
namespace {

class ArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/warta-archive-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::map<std::string, std::string> ReadAll(const std::string& path,
                                             Status* status) {
    std::map<std::string, std::string> files;
    std::string current;
    *status = ReadArchive(
        path,
        [&](const std::string& name) {
          current = name;
          files[name];
          return Status::Ok();
        },
        [&](std::string_view chunk) {
          files[current] += chunk;
          return Status::Ok();
        },
        [&](const ArchivedFile& f) {
          EXPECT_EQ(f.size, files[f.name].size());
          crcs_[f.name] = f.crc32;
          return Status::Ok();
        });
    return files;
  }

  std::string dir_;
  std::map<std::string, std::uint32_t> crcs_;
};

TEST_F(ArchiveTest, RoundTripsFilesAndLongNamesAsTar) {
  std::string big(700 * 1024 + 13, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7);
  std::string source = dir_ + "/big.bin";
  std::ofstream(source, std::ios::binary) << big;
  std::string long_name =
      "media/" + std::string(60, 'a') + "/" + std::string(70, 'b') + ".jpg";
  std::string path = dir_ + "/a.tar.gz";
  std::map<std::string, std::uint32_t> written;
  {
    auto w = ArchiveWriter::Create(path);
    ASSERT_TRUE(w.ok());
    auto f1 = (*w)->AddFile("warta.db", source);
    ASSERT_TRUE(f1.ok()) << f1.status().ToString();
    EXPECT_EQ(f1->size, big.size());
    auto f2 = (*w)->AddBytes(long_name, "gambar");
    ASSERT_TRUE(f2.ok()) << f2.status().ToString();
    auto f3 = (*w)->AddBytes("empty.txt", "");
    ASSERT_TRUE(f3.ok());
    written = {
        {f1->name, f1->crc32}, {f2->name, f2->crc32}, {f3->name, f3->crc32}};
    ASSERT_TRUE((*w)->Finish().ok());
  }
  Status s;
  auto files = ReadAll(path, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files["warta.db"], big);
  EXPECT_EQ(files[long_name], "gambar");
  EXPECT_EQ(files["empty.txt"], "");
  EXPECT_EQ(crcs_, written);
  // tar itself reads it.
  if (std::system("command -v tar >/dev/null 2>&1") == 0) {
    std::string cmd = "tar -tzf " + path + " > " + dir_ + "/list.txt";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream list(dir_ + "/list.txt");
    std::string all((std::istreambuf_iterator<char>(list)), {});
    EXPECT_EQ(all, "warta.db\n" + long_name + "\nempty.txt\n");
  }
}

TEST_F(ArchiveTest, TruncatedOrCorruptArchivesAreRefused) {
  std::string path = dir_ + "/a.tar.gz";
  {
    auto w = ArchiveWriter::Create(path);
    ASSERT_TRUE(w.ok());
    std::string data(200 * 1024, 'x');
    for (size_t i = 0; i < data.size(); i += 3) data[i] = char(i);
    ASSERT_TRUE((*w)->AddBytes("warta.db", data).ok());
    ASSERT_TRUE((*w)->Finish().ok());
  }
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::string cut = dir_ + "/cut.tar.gz";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  Status s;
  ReadAll(cut, &s);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("damaged or truncated"), std::string::npos)
      << s.ToString();

  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x55;
  std::string bad = dir_ + "/bad.tar.gz";
  std::ofstream(bad, std::ios::binary) << flipped;
  ReadAll(bad, &s);
  EXPECT_FALSE(s.ok()) << "gzip's CRC catches a flipped byte";
}

}  // namespace
}  // namespace warta::ops
