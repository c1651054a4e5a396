#include "sharing/share_plan.h"

#include <gtest/gtest.h>

#include "catalogue/catalogue_tables.h"
#include "catalogue/share_table.h"
#include "support/test_support.h"

namespace vern::sharing {
namespace {

Clock::time_point at(int y, unsigned m, unsigned d, int hour) {
  return Clock::time_point(std::chrono::sys_days(std::chrono::year_month_day(
             std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)))) +
         std::chrono::hours(hour);
}

TEST(SharePlan, ExpiriesAreDaysHoursOrTheEndOfADateInUtc) {
  const auto now = at(2026, 11, 30, 12);
  EXPECT_EQ(iso_utc(now), "2026-11-30T12:00:00Z");
  EXPECT_EQ(*expiry_from("14d", now), "2026-12-14T12:00:00Z");
  EXPECT_EQ(*expiry_from("36h", now), "2026-12-02T00:00:00Z");
  EXPECT_EQ(*expiry_from("2026-12-31", now), "2026-12-31T23:59:59Z");
  for (const char* bad : {"", "d", "0d", "-3d", "14", "14w", "2026-02-30", "2026-11-29", "soon"}) {
    EXPECT_FALSE(expiry_from(bad, now)) << bad;
  }
}

TEST(SharePlan, AShareIsActiveUntilItExpiresOrIsRevoked) {
  catalogue::Share share;
  const auto now = at(2026, 11, 30, 12);
  EXPECT_EQ(share_state(share, now), "active");
  share.expires = "2026-11-30T12:00:01Z";
  EXPECT_EQ(share_state(share, now), "active");
  share.expires = "2026-11-30T12:00:00Z";
  EXPECT_EQ(share_state(share, now), "expired");
  share.revoked = true;
  EXPECT_EQ(share_state(share, now), "revoked");
}

catalogue::PhotoRecord photo(const std::string& path, const std::string& taken) {
  catalogue::PhotoRecord r;
  r.path = path;
  r.content_hash = path;
  r.format = "jpeg";
  r.metadata.taken_at = taken;
  r.metadata.camera_make = "Canon";
  return r;
}

TEST(SharePlan, AnAlbumIsItsFolderAndWithRecursiveItsSubFoldersInOrderOfCapture) {
  test::TempDir dir;
  auto tables = catalogue::open_sqlite_tables(dir / "c.db");
  ASSERT_TRUE(tables);
  auto& photos = *tables->photos;
  ASSERT_TRUE(photos.put(photo("/p/moscow/b.jpg", "2019-05-02")));
  ASSERT_TRUE(photos.put(photo("/p/moscow/a.jpg", "2019-05-03")));
  ASSERT_TRUE(photos.put(photo("/p/moscow/night/c.jpg", "2019-05-01")));
  ASSERT_TRUE(photos.put(photo("/p/moscow-2/d.jpg", "2019-05-01")));
  const auto own = album_photos(photos, "/p/moscow", false);
  ASSERT_TRUE(own) << own.error().describe();
  ASSERT_EQ(own->size(), 2u);
  EXPECT_EQ((*own)[0].path, "/p/moscow/b.jpg");
  EXPECT_EQ((*own)[1].path, "/p/moscow/a.jpg");
  const auto all = album_photos(photos, "/p/moscow", true);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);  // not /p/moscow-2
  EXPECT_FALSE(album_photos(photos, "/p/paris", false));
  const auto canon = selected_photos(photos, "camera:canon taken:2019-05-01");
  ASSERT_TRUE(canon);
  EXPECT_EQ(canon->size(), 2u);
  EXPECT_FALSE(selected_photos(photos, "taken:2019..2018-13"));
}

}  // namespace
}  // namespace vern::sharing
