#include "metadata/detail/dates.h"

#include <gtest/gtest.h>

namespace vern::metadata::detail {
namespace {

TEST(Dates, ExifDateGetsIsoFormAndOffset) {
  EXPECT_EQ(iso_from_exif("2019:05:01 19:45:10", ""), "2019-05-01T19:45:10");
  EXPECT_EQ(iso_from_exif("2019:05:01 19:45:10", "+03:00"), "2019-05-01T19:45:10+03:00");
  EXPECT_EQ(iso_from_exif("2019:05:01 19:45:10", "-0530"), "2019-05-01T19:45:10-05:30");
}

TEST(Dates, PlaceholderAndInvalidExifDatesAreDropped) {
  EXPECT_EQ(iso_from_exif("0000:00:00 00:00:00", ""), std::nullopt);
  EXPECT_EQ(iso_from_exif("2019:13:01 10:00:00", ""), std::nullopt);
  EXPECT_EQ(iso_from_exif("    :  :     :  :  ", ""), std::nullopt);
  EXPECT_EQ(iso_from_exif("2019", ""), std::nullopt);
}

TEST(Dates, XmpDatesOfEveryPrecision) {
  EXPECT_EQ(iso_from_xmp("2019-05-01T19:45:10+03:00"), "2019-05-01T19:45:10+03:00");
  EXPECT_EQ(iso_from_xmp("2019-05-01T19:45:10.25Z"), "2019-05-01T19:45:10Z");
  EXPECT_EQ(iso_from_xmp("2019-05-01T19:45"), "2019-05-01T19:45:00");
  EXPECT_EQ(iso_from_xmp("2019-05-01"), "2019-05-01");
  EXPECT_EQ(iso_from_xmp("2019"), "2019-01-01");
  EXPECT_EQ(iso_from_xmp("yesterday"), std::nullopt);
}

TEST(Dates, IptcDateAndTime) {
  EXPECT_EQ(iso_from_iptc("2019-05-01", "19:45:10+03:00"), "2019-05-01T19:45:10+03:00");
  EXPECT_EQ(iso_from_iptc("20190501", "194510+0300"), "2019-05-01T19:45:10+03:00");
  EXPECT_EQ(iso_from_iptc("2019-05-01", ""), "2019-05-01");
}

}  // namespace
}  // namespace vern::metadata::detail
