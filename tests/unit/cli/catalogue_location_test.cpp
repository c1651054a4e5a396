#include "cli/catalogue_location.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "cli/config_file.h"
#include "support/test_support.h"

namespace vern::cli {
namespace {

TEST(CatalogueLocation, APostgresUrlIsTakenAsItIsFromEverySource) {
  test::TempDir dir;
  const std::string url = "postgresql://anna@db.example.org/archive";
  test::write_text(dir / "vernissage.toml", "[catalogue]\npath = \"" + url + "\"\n");
  BuildOptions options;
  ASSERT_TRUE(apply_config_file(dir / "vernissage.toml", options));
  ASSERT_TRUE(options.catalogue_setting);
  EXPECT_EQ(options.catalogue_setting->string(), url);  // not made relative to the file

  ::setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
  ::unsetenv("VERNISSAGE_CATALOGUE");
  test::write_text(dir / "vernissage" / "config.toml", "[catalogue]\npath = \"" + url + "\"\n");
  EXPECT_EQ(catalogue_location("")->string(), url);
  test::write_text(dir / "vernissage" / "config.toml", "[catalogue]\npath = \"c.db\"\n");
  EXPECT_EQ(*catalogue_location(""), dir / "vernissage" / "c.db");
  ::setenv("VERNISSAGE_CATALOGUE", url.c_str(), 1);
  EXPECT_EQ(catalogue_location("")->string(), url);
  ::unsetenv("VERNISSAGE_CATALOGUE");
  ::unsetenv("XDG_CONFIG_HOME");
}

TEST(CatalogueLocation, ServesSharesFromAFolderNamedWithoutThePassword) {
  ::setenv("XDG_DATA_HOME", "/data", 1);
  EXPECT_EQ(shares_folder("/home/anna/catalogue.db"), "/home/anna/catalogue.db.shares");
  EXPECT_EQ(shares_folder("postgresql://anna:s3cret@db.example.org:5432/archive?sslmode=require"),
            "/data/vernissage/db.example.org_5432_archive.shares");
  // Even with the URL in $VERNISSAGE_CATALOGUE, the folder is in the data folder.
  ::setenv("VERNISSAGE_CATALOGUE", "postgresql://db/archive", 1);
  EXPECT_EQ(shares_folder("postgresql://db/archive"), "/data/vernissage/db_archive.shares");
  ::unsetenv("VERNISSAGE_CATALOGUE");
  ::unsetenv("XDG_DATA_HOME");
}

}  // namespace
}  // namespace vern::cli
